package io.mmsguard.inspection.topology;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;

/** What the topology counts, on the service's Micrometer registry (served as Prometheus text by the service). */
public final class InspectionMetrics {
    private final MeterRegistry registry;
    private final Counter unroutable;

    public InspectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unroutable = Counter.builder("mmsguard.inspection.unroutable.decisions")
                .description("Decisions naming a partition mms.decisions does not have (not written; gateway times out)")
                .register(registry);
    }

    public void decided(MmsInterface mmsInterface, Decision decision, Duration latency) {
        Counter.builder("mmsguard.inspection.decisions")
                .description("Decisions by interface, verdict and reason")
                .tag("interface", mmsInterface.name())
                .tag("verdict", decision.getVerdict().name())
                .tag("reason", decision.getReason().name())
                .register(registry).increment();
        Timer.builder("mmsguard.inspection.decision.latency")
                .description("From the gateway's receivedAt to the decision (includes both stages and the repartition)")
                .publishPercentileHistogram()
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * Attachments the UNPACK scanner could not unpack completely (encrypted, corrupt, over a limit), by what the
     * profile made of them: BLOCK, or MATCH for unscannableAction PASS. The scanner logs each with its path.
     */
    public void unpacked(MmsInterface mmsInterface, ContentScanResult content) {
        for (ScanResult r : content.resultsOf(Scanner.UNPACK)) {
            if (r.outcome() == ScanOutcome.BLOCK || r.outcome() == ScanOutcome.MATCH) {
                Counter.builder("mmsguard.inspection.unpack.unscannable")
                        .description("Archive attachments that could not be unpacked completely, by interface and outcome")
                        .tag("interface", mmsInterface.name())
                        .tag("outcome", r.outcome().name())
                        .register(registry).increment();
            }
        }
    }

    /**
     * A fail-closed envelope whose session had expired when a stage processed it: not inspected, not counted, no
     * decision (mmsguard_inspection_sessions_expired_total{interface,stage}).
     */
    public void expired(MmsInterface mmsInterface, String stage) {
        countPerInterface("mmsguard.inspection.sessions.expired",
                "Fail-closed messages whose session had expired before inspection: not counted, no decision",
                mmsInterface, "stage", stage);
    }

    /** An envelope that could not be inspected and got a temporary-failure decision instead. */
    public void failed(String stage, Throwable cause) {
        Counter.builder("mmsguard.inspection.failures")
                .description("Messages answered with a temporary failure because inspection itself failed")
                .tag("stage", stage)
                .tag("cause", cause.getClass().getSimpleName())
                .register(registry).increment();
    }

    /**
     * A message whose REGEX patterns ran out of their shared step budget (or deadline): a scanner failure.
     *
     * @param where {@code endpoint} when an endpoint entry could not be decided, else {@code content}
     */
    public void regexBudgetExhausted(MmsInterface mmsInterface, String where) {
        countPerInterface("mmsguard.inspection.regex.budget.exhausted",
                "Messages whose regex patterns exhausted their shared step budget (a scanner failure)",
                mmsInterface, "where", where);
    }

    /** One more of a counter tagged by interface and one other tag. */
    private void countPerInterface(String name, String description, MmsInterface mmsInterface, String tag,
                                   String value) {
        Counter.builder(name).description(description).tag("interface", mmsInterface.name()).tag(tag, value)
                .register(registry).increment();
    }

    /** A fingerprint band the similar-content band step could not count: its message is decided on the others. */
    public void similarBandUncounted(Throwable cause) {
        Counter.builder("mmsguard.inspection.similar.bands.uncounted")
                .description("Fingerprint bands the similar-content check could not count (failure in the band step)")
                .tag("cause", cause.getClass().getSimpleName())
                .register(registry).increment();
    }

    public void corruptState(String store) {
        Counter.builder("mmsguard.inspection.state.corrupt")
                .description("Threshold states that could not be decoded and were reset")
                .tag("store", store)
                .register(registry).increment();
    }

    public void purged(String store, int keys) {
        Counter.builder("mmsguard.inspection.state.purged")
                .description("Idle keys dropped from the threshold stores")
                .tag("store", store)
                .register(registry).increment(keys);
    }

    /**
     * An operator's reset processed (mmsguard_inspection_state_resets_total{store,outcome}): {@code cleared} (the key
     * had state), {@code empty} (it had none), {@code rejected} (the record cannot be applied; logged).
     */
    public void reset(String store, String outcome) {
        Counter.builder("mmsguard.inspection.state.resets")
                .description("Operators' state resets processed, by store and outcome")
                .tag("store", store)
                .tag("outcome", outcome)
                .register(registry).increment();
    }

    public Runnable unroutableCounter() {
        return unroutable::increment;
    }
}
