package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.internal.SimilarBand;
import io.mmsguard.avro.internal.SimilarBandResult;
import io.mmsguard.avro.internal.SimilarFingerprint;
import io.mmsguard.avro.internal.SimilarHop;
import io.mmsguard.avro.internal.SimilarMessage;
import io.mmsguard.inspection.profile.ProfileMapper;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import org.apache.kafka.streams.KeyValue;

/**
 * The similar-content hops' records ({@link SimilarHop}) to and from plain Java: the fan-out of a message into one
 * record per fingerprint band plus the message itself, the band step's result, and the fingerprint.
 */
public final class SimilarHopRecords {

    private SimilarHopRecords() {
    }

    /**
     * One record per band, keyed {@code <interface>|<band>}, and the message itself keyed by its session id: the
     * message passes the band step untouched and meets its band results in the combine step. The thresholds are
     * resolved here once, so that every band of the message counts against the same ones.
     */
    static List<KeyValue<String, SimilarHop>> fanOut(Staged.SimilarPending pending) {
        MmsEnvelope envelope = pending.stage().envelope();
        String session = envelope.getSessionId();
        List<io.mmsguard.avro.Threshold> thresholds = pending.thresholds().stream().map(SimilarHopRecords::toAvro)
                .toList();
        SimilarFingerprint witness = toAvro(pending.fingerprint(), false);
        List<KeyValue<String, SimilarHop>> out = new ArrayList<>();
        for (String band : pending.fingerprint().bands()) {
            out.add(KeyValue.pair(StateKeys.of(envelope.getMmsInterface(), band), SimilarHop.newBuilder()
                    .setSessionId(session)
                    .setBand(SimilarBand.newBuilder().setMmsInterface(envelope.getMmsInterface()).setBand(band)
                            .setReceivedAt(envelope.getReceivedAt()).setThresholds(thresholds)
                            .setFingerprint(witness).build())
                    .build()));
        }
        out.add(KeyValue.pair(session, SimilarHop.newBuilder().setSessionId(session).setMessage(message(pending))
                .build()));
        return out;
    }

    static SimilarMessage message(Staged.SimilarPending pending) {
        return SimilarMessage.newBuilder()
                .setStage(SenderStageRecords.toAvro(pending.stage()))
                .setDuplicate(pending.duplicate().map(o -> ThresholdOutcomeRecords.toAvro(ThresholdKind.DUPLICATE, o))
                        .orElse(null))
                .setStage2Offset(pending.stage2Offset().isPresent() ? pending.stage2Offset().getAsLong() : null)
                .build();
    }

    static Optional<Outcome> duplicate(SimilarMessage message) {
        return Optional.ofNullable(message.getDuplicate()).map(ThresholdOutcomeRecords::fromAvro);
    }

    static OptionalLong stage2Offset(SimilarMessage message) {
        return message.getStage2Offset() == null ? OptionalLong.empty() : OptionalLong.of(message.getStage2Offset());
    }

    static List<Threshold> thresholds(SimilarBand band) {
        return band.getThresholds().stream().map(ProfileMapper::threshold).toList();
    }

    static SimilarBandResult toAvro(SimilarBandLogic.BandCount count) {
        return SimilarBandResult.newBuilder()
                .setBand(count.band())
                .setOutcome(ThresholdOutcomeRecords.toAvro(ThresholdKind.SIMILAR, count.outcome()))
                .setEarlierSession(count.earlier().map(SimilarBandLogic.Witness::sessionId).orElse(null))
                .setEarlierFingerprint(count.earlier().map(w -> toAvro(w.fingerprint(), false)).orElse(null))
                .build();
    }

    static SimilarBandLogic.BandCount fromAvro(SimilarBandResult result) {
        Optional<SimilarBandLogic.Witness> earlier = Optional.ofNullable(result.getEarlierSession())
                .map(s -> new SimilarBandLogic.Witness(s, result.getEarlierFingerprint() == null ? Fingerprint.NONE
                        : fromAvro(result.getEarlierFingerprint())));
        return new SimilarBandLogic.BandCount(result.getBand(),
                ThresholdOutcomeRecords.fromAvro(result.getOutcome()), earlier);
    }

    /** @param withBands false for a witness, which the band's key already names */
    static SimilarFingerprint toAvro(Fingerprint fingerprint, boolean withBands) {
        int[] text = fingerprint.text();
        List<Integer> minima = new ArrayList<>(text.length);
        for (int m : text) {
            minima.add(m);
        }
        List<Long> images = new ArrayList<>();
        for (long h : fingerprint.images()) {
            images.add(h);
        }
        return SimilarFingerprint.newBuilder().setText(minima).setImages(images)
                .setBands(withBands ? fingerprint.bands() : List.of()).build();
    }

    static Fingerprint fromAvro(SimilarFingerprint avro) {
        return new Fingerprint(avro.getText().stream().mapToInt(Integer::intValue).toArray(),
                avro.getImages().stream().mapToLong(Long::longValue).toArray(), avro.getBands());
    }

    static io.mmsguard.avro.Threshold toAvro(Threshold t) {
        return io.mmsguard.avro.Threshold.newBuilder()
                .setEnabled(t.enabled())
                .setWindowMinutes(t.windowMinutes())
                .setLimit(t.limit())
                .setActions(t.actions().stream().sorted()
                        .map(a -> AvroEnums.toAvro(a, io.mmsguard.avro.ThresholdAction.class)).toList())
                .setBlockTimeMinutes(t.blockTimeMinutes())
                .build();
    }
}
