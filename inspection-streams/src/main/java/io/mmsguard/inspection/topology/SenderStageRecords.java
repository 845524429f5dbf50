package io.mmsguard.inspection.topology;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.internal.SenderStageOutcome;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.threshold.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The stage-1 -> stage-2 payload of the inspection topology, to and from its internal Avro record
 * {@link SenderStageOutcome}.
 *
 * <p>Lossless: {@code fromAvro(toAvro(...))} gives back equal values for every field of the endpoint match (including
 * {@code budgetExceeded}, which the inspection log reports), the content scan result (including the whole banned-word
 * score), the flood outcome and the similar-content fingerprint. The one deliberate loss: the stage time is truncated to milliseconds, the resolution
 * of the Avro timestamp and of Kafka record time.
 */
public final class SenderStageRecords {

    private SenderStageRecords() {
    }

    public static SenderStageOutcome toAvro(MmsEnvelope envelope, String checksum, EndpointMatch endpoint,
                                            ContentScanResult content, Optional<Outcome> flood, Instant stageTime) {
        return SenderStageOutcome.newBuilder()
                .setEnvelope(envelope)
                .setChecksum(checksum)
                .setEndpoint(EndpointMatchRecords.toAvro(endpoint))
                .setContent(ContentScanRecords.toAvro(content))
                .setFlood(flood.map(o -> ThresholdOutcomeRecords.toAvro(ThresholdKind.FLOOD, o)).orElse(null))
                .setStageTime(stageTime.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    public static SenderStageOutcome toAvro(SenderStage stage) {
        SenderStageOutcome avro = toAvro(stage.envelope(), stage.checksum(), stage.endpoint(), stage.content(),
                stage.flood(), stage.stageTime());
        stage.fingerprint().ifPresent(f -> avro.setFingerprint(SimilarHopRecords.toAvro(f, true)));
        return avro;
    }

    /**
     * @throws IllegalArgumentException when an enum reads as {@code UNKNOWN}: a newer stage 1 wrote a symbol this
     *                                  version does not know (see {@link AvroEnums})
     */
    public static SenderStage fromAvro(SenderStageOutcome avro) {
        return new SenderStage(avro.getEnvelope(), avro.getChecksum(),
                EndpointMatchRecords.fromAvro(avro.getEndpoint()),
                ContentScanRecords.fromAvro(avro.getContent()),
                Optional.ofNullable(avro.getFlood()).map(ThresholdOutcomeRecords::fromAvro),
                avro.getStageTime(), Optional.ofNullable(avro.getFingerprint()).map(SimilarHopRecords::fromAvro));
    }
}
