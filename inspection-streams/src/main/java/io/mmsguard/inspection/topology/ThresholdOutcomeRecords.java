package io.mmsguard.inspection.topology;

import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.internal.ThresholdOutcome;
import io.mmsguard.inspection.profile.ThresholdCounts;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A threshold {@link Outcome} to and from its Avro form, losslessly. Each result travels as the contract
 * {@code ThresholdCount} (the same mapping the decision and log records use); its {@code kind} is written as given and
 * not read back, since the field of the outcome already says which kind it is.
 */
final class ThresholdOutcomeRecords {

    private ThresholdOutcomeRecords() {
    }

    static ThresholdOutcome toAvro(ThresholdKind kind, Outcome o) {
        return ThresholdOutcome.newBuilder()
                .setResults(o.results().stream().map(r -> ThresholdCounts.toAvro(kind, r)).toList())
                .setActions(toAvro(o.actions()))
                .setBlocked(o.blocked())
                .setBlockedUntil(toInstant(o.blockedUntil()))
                .build();
    }

    static Outcome fromAvro(ThresholdOutcome o) {
        return new Outcome(o.getResults().stream().map(ThresholdOutcomeRecords::fromAvro).toList(),
                fromAvro(o.getActions()), o.getBlocked(), toMillis(o.getBlockedUntil()));
    }

    private static ThresholdResult fromAvro(ThresholdCount c) {
        return new ThresholdResult(c.getIndex(), c.getWindowMinutes(), c.getLimit(), c.getCount(), c.getExceeded(),
                fromAvro(c.getActions()), toMillis(c.getBlockedUntil()));
    }

    /** Sorted, so that equal sets give equal bytes. */
    private static java.util.List<io.mmsguard.avro.ThresholdAction> toAvro(Set<ThresholdAction> actions) {
        return actions.stream().sorted()
                .map(a -> AvroEnums.toAvro(a, io.mmsguard.avro.ThresholdAction.class)).toList();
    }

    private static Set<ThresholdAction> fromAvro(java.util.List<io.mmsguard.avro.ThresholdAction> actions) {
        return actions.stream().map(a -> AvroEnums.toJava(a, ThresholdAction.class)).collect(Collectors.toSet());
    }

    private static Instant toInstant(OptionalLong millis) {
        return millis.isPresent() ? Instant.ofEpochMilli(millis.getAsLong()) : null;
    }

    private static OptionalLong toMillis(Instant instant) {
        return instant == null ? OptionalLong.empty() : OptionalLong.of(instant.toEpochMilli());
    }
}
