package io.mmsguard.inspection.topology;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.profile.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both stages do around their inspection, without Kafka: an expired fail-closed session is neither inspected
 * nor counted, and a failure inside the stage becomes a temporary-failure decision for that message alone (logged
 * with its session id and counted) instead of stopping the stream thread and every other message of the partition.
 */
public final class StageGuard {
    private static final Logger LOG = LoggerFactory.getLogger(StageGuard.class);

    private final RuleBook rules;
    private final InspectionMetrics metrics;
    private final String stageName;
    private final SessionExpiry expiry;

    /**
     * @param stageName {@code sender} or {@code checksum}: names the stage in logs, metrics and expired records
     * @param expiry    judges sessions on the clock of whoever runs the stage
     */
    public StageGuard(RuleBook rules, InspectionMetrics metrics, String stageName, SessionExpiry expiry) {
        this.rules = rules;
        this.metrics = metrics;
        this.stageName = stageName;
        this.expiry = expiry;
    }

    /**
     * @param appendedAtMillis the mms.inbound record's timestamp (the broker's append time)
     * @param inspection       the stage's own work, run unless the session has expired
     */
    public Staged run(MmsEnvelope envelope, long appendedAtMillis, Supplier<Staged> inspection) {
        try {
            return expired(envelope, appendedAtMillis).orElseGet(inspection);
        } catch (RuntimeException e) {
            LOG.error("session {}: {} stage failed, answering with a temporary failure", envelope.getSessionId(),
                    stageName, e);
            metrics.failed(stageName, e);
            return new Staged.Failed(envelope, rules.profile(envelope.getProfile()).name(),
                    "inspection failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Under a fail-closed interface, an expired session is neither inspected nor counted in this stage's thresholds:
     * the gateway has answered it with a temporary failure, and the retry must not find its quota used up. Fail-open,
     * the gateway forwarded the message unscanned, so it counts and is decided as usual.
     */
    private Optional<Staged> expired(MmsEnvelope envelope, long appendedAt) {
        if (!expiry.expired(appendedAt, envelope.getSessionTimeoutMs())) {
            return Optional.empty();
        }
        Profile profile = rules.profile(envelope.getProfile());
        if (profile.policy(envelope.getMmsInterface()).failOpen()) {
            return Optional.empty();
        }
        metrics.expired(envelope.getMmsInterface(), stageName);
        LOG.info("session {}: expired before the {} stage (appended {}, timeout {} ms): not inspected, not counted",
                envelope.getSessionId(), stageName, Instant.ofEpochMilli(appendedAt), envelope.getSessionTimeoutMs());
        return Optional.of(new Staged.Expired(envelope, profile, stageName, Instant.ofEpochMilli(appendedAt)));
    }
}
