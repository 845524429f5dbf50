package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Java -> Avro -> Java gives back equal values, in memory and through the binary encoding the repartition topic
 * carries, for generated endpoint matches, content results and flood outcomes, empty and absent ones included.
 */
class SenderStageRecordsProperties {

    @Property
    void javaToAvroToJavaIsLossless(@ForAll("stages") SenderStage stage) {
        assertThat(SenderStageRecords.fromAvro(SenderStageRecords.toAvro(stage))).isEqualTo(stage);
    }

    @Property
    void theBinaryEncodingIsLossless(@ForAll("stages") SenderStage stage) {
        byte[] bytes = SenderStageFixtures.serialize(SenderStageRecords.toAvro(stage));

        assertThat(SenderStageRecords.fromAvro(SenderStageFixtures.deserialize(bytes))).isEqualTo(stage);
    }

    @Property
    void eachPartRoundTripsOnItsOwn(@ForAll("endpointMatches") EndpointMatch endpoint,
                                    @ForAll("contentResults") ContentScanResult content,
                                    @ForAll("outcomes") Outcome flood) {
        assertThat(EndpointMatchRecords.fromAvro(EndpointMatchRecords.toAvro(endpoint))).isEqualTo(endpoint);
        assertThat(ContentScanRecords.fromAvro(ContentScanRecords.toAvro(content))).isEqualTo(content);
        assertThat(ThresholdOutcomeRecords.fromAvro(
                ThresholdOutcomeRecords.toAvro(io.mmsguard.avro.ThresholdKind.FLOOD, flood))).isEqualTo(flood);
    }

    @Provide
    Arbitrary<SenderStage> stages() {
        // Millisecond instants: the Avro field is timestamp-millis (sub-millisecond truncation is tested separately).
        Arbitrary<Instant> times = Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L)
                .map(Instant::ofEpochMilli);
        return Combinators.combine(text(), endpointMatches(), contentResults(), outcomes().optional(0.7), times)
                .as((checksum, endpoint, content, flood, time) ->
                        new SenderStage(SenderStageFixtures.envelope(), checksum, endpoint, content, flood, time));
    }

    @Provide
    Arbitrary<EndpointMatch> endpointMatches() {
        Arbitrary<EndpointEntry> entries = Combinators.combine(text(), Arbitraries.of(PatternType.class),
                Arbitraries.of(EndpointAction.class), bools(), bools(), bools()).as(EndpointEntry::new);
        Arbitrary<AddressMatch> matches = Combinators.combine(Arbitraries.of(AddressMatch.Role.class), text(), text(),
                text(), Arbitraries.integers().between(0, 10_000), entries).as(AddressMatch::new);
        return Combinators.combine(Arbitraries.of(EndpointAction.class), matches.optional(0.5),
                        matches.list().ofMaxSize(4), bools(), bools(), text().list().ofMaxSize(3))
                .as(EndpointMatch::new);
    }

    @Provide
    Arbitrary<ContentScanResult> contentResults() {
        Arbitrary<BannedWord> words = Combinators.combine(text(), Arbitraries.of(PatternType.class),
                Arbitraries.of(BannedWordAction.class), Arbitraries.integers(), bools())
                .as(BannedWord::new);
        Arbitrary<BannedWordScore.Found> found = Combinators.combine(words, partIndexes().injectNull(0.3))
                .as(BannedWordScore.Found::new);
        Arbitrary<BannedWordScore> scores = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(),
                found.list().ofMaxSize(4), words.injectNull(0.6), words.list().ofMaxSize(2)).as(BannedWordScore::new);
        Arbitrary<ScanResult> results = Combinators.combine(Arbitraries.of(Scanner.KNOWN),
                Arbitraries.of(ScanOutcome.class), text().injectNull(0.3), partIndexes().injectNull(0.3))
                .as(ScanResult::new);
        return Combinators.combine(Arbitraries.of(ContentVerdict.class), Arbitraries.of(Reason.class),
                text().injectNull(0.3), partIndexes().list().ofMaxSize(4), bools(), scores.injectNull(0.4),
                results.list().ofMaxSize(8)).as(ContentScanResult::new);
    }

    @Provide
    Arbitrary<Outcome> outcomes() {
        Arbitrary<ThresholdResult> results = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 2880), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.longs().greaterOrEqual(0), bools(), Arbitraries.of(ThresholdAction.class).set(),
                optionalMillis()).as(ThresholdResult::new);
        Arbitrary<Outcome> outcomes = Combinators.combine(results.list().ofMaxSize(3),
                Arbitraries.of(ThresholdAction.class).set(), bools(), optionalMillis()).as(Outcome::new);
        return Arbitraries.oneOf(outcomes, Arbitraries.just(Outcome.NONE));
    }

    private static Arbitrary<OptionalLong> optionalMillis() {
        return Arbitraries.longs().between(0, 10_000_000_000_000L).optional(0.5)
                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /** Text with non-ASCII letters; no lone surrogates, which UTF-8 (Avro's string encoding) cannot carry. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("+*?@. äß€日本").ofMaxLength(12);
    }

    private static Arbitrary<Integer> partIndexes() {
        return Arbitraries.integers().between(0, 20);
    }

    private static Arbitrary<Boolean> bools() {
        return Arbitraries.of(true, false);
    }
}
