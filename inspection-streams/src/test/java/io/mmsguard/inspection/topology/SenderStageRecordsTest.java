package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.internal.SenderStageOutcome;
import io.mmsguard.inspection.endpoint.AddressMatch;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointEntry;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.scan.BannedWord;
import io.mmsguard.inspection.scan.BannedWordAction;
import io.mmsguard.inspection.scan.BannedWordScore;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderStageRecordsTest {

    private static final Instant STAGE_TIME = Instant.parse("2026-11-24T10:00:00.125Z");

    private static final AddressMatch BLOCKED_RECIPIENT = new AddressMatch(AddressMatch.Role.RECIPIENT, "+491702",
            "+491702", "blocklist", 3, new EndpointEntry("+49170*", PatternType.WILDCARD, EndpointAction.BLOCK,
            true, true, true));
    private static final EndpointMatch ENDPOINT = new EndpointMatch(EndpointAction.BLOCK,
            Optional.of(BLOCKED_RECIPIENT), List.of(BLOCKED_RECIPIENT), true, true, List.of("evil[0] (a+)+b"));

    private static final BannedWord CASINO = new BannedWord("casino", PatternType.SIMPLE, 20);
    private static final ContentScanResult CONTENT = new ContentScanResult(ContentVerdict.STRIP, Reason.FILE_FILTER,
            "game.exe matched *.exe", List.of(1), false,
            new BannedWordScore(20, 30, List.of(new BannedWordScore.Found(CASINO, null)), null, List.of()),
            List.of(new ScanResult(Scanner.FILE_FILTER, ScanOutcome.BLOCK, "*.exe", 1),
                    new ScanResult(Scanner.BANNED_WORDS, ScanOutcome.MATCH, "score 20 <= threshold 30", null)));

    private static final Outcome FLOOD = new Outcome(List.of(
            new ThresholdResult(1, 10, 5, 6, true, Set.of(ThresholdAction.BLOCK, ThresholdAction.LOG),
                    OptionalLong.of(1_764_000_000_000L)),
            new ThresholdResult(2, 60, 100, 6, false, Set.of(), OptionalLong.empty())),
            Set.of(ThresholdAction.BLOCK, ThresholdAction.LOG), true, OptionalLong.of(1_764_000_000_000L));

    @Test
    void aFullRecordSurvivesAvroBinaryWithItsInlineContent() {
        MmsEnvelope envelope = SenderStageFixtures.envelope();
        SenderStageOutcome written = SenderStageRecords.toAvro(envelope, "c0ffee", ENDPOINT, CONTENT,
                Optional.of(FLOOD), STAGE_TIME);

        SenderStageOutcome read = SenderStageFixtures.deserialize(SenderStageFixtures.serialize(written));

        // Not read.equals(written): a decoded array is a GenericData.Array, whose equals compares with GenericData,
        // which lacks the timestamp conversion and throws on a ThresholdCount with a blockedUntil. Equal bytes do.
        assertThat(SenderStageFixtures.serialize(read)).isEqualTo(SenderStageFixtures.serialize(written));
        MmsPart exe = read.getEnvelope().getParts().get(1);
        assertThat(bytes(exe.getContent())).containsExactly(0, 1, 2, 0xff);
        assertThat(SenderStageRecords.fromAvro(read)).isEqualTo(
                new SenderStage(envelope, "c0ffee", ENDPOINT, CONTENT, Optional.of(FLOOD), STAGE_TIME));
        // Writing must not consume the caller's buffers: stage 1 may still read the envelope afterwards.
        assertThat(bytes(envelope.getParts().get(1).getContent())).containsExactly(0, 1, 2, 0xff);
    }

    @Test
    void absentFloodStaysAbsentAndAnEmptyOutcomeStaysPresent() {
        assertThat(roundTrip(Optional.empty()).flood()).isEmpty();
        assertThat(roundTrip(Optional.of(Outcome.NONE)).flood()).contains(Outcome.NONE);
    }

    @Test
    void floodResultsTravelAsFloodThresholdCounts() {
        SenderStageOutcome avro = SenderStageRecords.toAvro(SenderStageFixtures.envelope(), "c", ENDPOINT, CONTENT,
                Optional.of(FLOOD), STAGE_TIME);

        assertThat(avro.getFlood().getResults()).extracting(c -> c.getKind()).containsOnly(ThresholdKind.FLOOD);
        assertThat(avro.getFlood().getActions()).containsExactly(io.mmsguard.avro.ThresholdAction.LOG,
                io.mmsguard.avro.ThresholdAction.BLOCK);
    }

    @Test
    void theStageTimeIsKeptToTheMillisecond() {
        Instant precise = Instant.parse("2026-11-24T10:00:00.125999999Z");

        SenderStageOutcome avro = SenderStageRecords.toAvro(SenderStageFixtures.envelope(), "c", ENDPOINT, CONTENT,
                Optional.empty(), precise);

        assertThat(SenderStageRecords.fromAvro(SenderStageFixtures.deserialize(SenderStageFixtures.serialize(avro)))
                .stageTime()).isEqualTo(STAGE_TIME);
    }

    @Test
    void aSymbolThisVersionDoesNotKnowFailsInsteadOfBeingGuessed() {
        SenderStageOutcome avro = SenderStageRecords.toAvro(SenderStageFixtures.envelope(), "c", ENDPOINT, CONTENT,
                Optional.empty(), STAGE_TIME);
        avro.getEndpoint().setAction(io.mmsguard.avro.EndpointAction.UNKNOWN);

        assertThatThrownBy(() -> SenderStageRecords.fromAvro(avro))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.mmsguard.avro.EndpointAction.UNKNOWN");
    }

    @Test
    void aBannedWordExemptionKeepsItsMeaning() {
        BannedWord exempt = new BannedWord("casino royale", PatternType.SIMPLE, BannedWordAction.EXEMPT, 0, true);
        BannedWordScore score = new BannedWordScore(50, 30, List.of(new BannedWordScore.Found(CASINO, 0),
                new BannedWordScore.Found(exempt, null)), exempt, List.of(CASINO));
        ContentScanResult content = new ContentScanResult(ContentVerdict.PASS, Reason.NONE, null, List.of(), false,
                score, List.of());

        ContentScanResult back = ContentScanRecords.fromAvro(ContentScanRecords.toAvro(content));

        assertThat(back).isEqualTo(content);
        assertThat(back.bannedWords().blocked()).isFalse();
        assertThat(back.bannedWords().describe()).isEqualTo(score.describe());
    }

    private static SenderStage roundTrip(Optional<Outcome> flood) {
        SenderStageOutcome avro = SenderStageRecords.toAvro(SenderStageFixtures.envelope(), "c", ENDPOINT, CONTENT,
                flood, STAGE_TIME);
        return SenderStageRecords.fromAvro(SenderStageFixtures.deserialize(SenderStageFixtures.serialize(avro)));
    }

    private static int[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        int[] out = new int[b.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get() & 0xff;
        }
        return out;
    }
}
