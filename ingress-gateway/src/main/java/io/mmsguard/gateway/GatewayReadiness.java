package io.mmsguard.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.service.Readiness;

/**
 * The gateway's readiness conditions (docs/architecture.md, "Readiness"):
 * <ul>
 * <li>{@code kafka}: the brokers answer;</li>
 * <li>{@code decisions}: sessions get decisions (not {@link KafkaSessionCore#FAILURES_TO_TRIP} in a row without);</li>
 * <li>{@code backlog}: not saturated with pending sessions (a load balancer sends new connections elsewhere);</li>
 * <li>{@code profiles}: the profiles topic is followed (updates would otherwise silently stop reaching it);</li>
 * <li>{@code clock}: this host's clock is within {@code gateway.max-clock-skew} of the brokers' (receivedAt is every
 * threshold's time), and mms.inbound is LogAppendTime, without which that cannot be measured
 * ({@link InboundTimestampCheck}).</li>
 * <li>{@code stopping}: the gateway is draining before a stop (no new connections).</li>
 * </ul>
 * A gateway whose every listener fails open (by its profile, now) still serves every client without decisions, by
 * forwarding: {@code kafka} and {@code decisions} then do not apply, so it turns not ready only when it can neither
 * decide nor forward.
 */
final class GatewayReadiness {
    private GatewayReadiness() {
    }

    static Readiness of(GatewayConfig config, KafkaSessionCore sessions, BooleanSupplier stopping) {
        BooleanSupplier forwardsWithoutDecisions = everyListenerFailsOpen(config, sessions.profiles());
        PendingSessions pending = sessions.pending();
        return Readiness.of(
                unlessFailingOpen(sessions.kafka().condition(), forwardsWithoutDecisions),
                unlessFailingOpen(new Readiness.Condition("decisions", sessions.roundTrips()::problem),
                        forwardsWithoutDecisions),
                Readiness.Condition.of("backlog", () -> !pending.isSaturated(),
                        "gateway.max-pending sessions wait for decisions: not reading from clients"),
                Readiness.Condition.of("profiles", sessions.profiles()::following,
                        "the profiles topic has not answered for " + ProfileView.STALE_AFTER.toSeconds() + " s"),
                new Readiness.Condition("clock", () -> sessions.inboundTimestampProblem().or(() ->
                        sessions.clockSkew().withinBound() ? Optional.empty()
                        : Optional.of(String.format("this clock is %+.1f s off the brokers' (gateway.max-clock-skew %s)",
                                sessions.clockSkew().seconds(), config.maxClockSkew())))),
                Readiness.Condition.of("stopping", () -> !stopping.getAsBoolean(),
                        "stopping: answering the messages already read, accepting no new connections"));
    }

    private static Readiness.Condition unlessFailingOpen(Readiness.Condition c, BooleanSupplier failingOpen) {
        return new Readiness.Condition(c.name(), () -> failingOpen.getAsBoolean() ? Optional.empty()
                : c.problem().get());
    }

    private static BooleanSupplier everyListenerFailsOpen(GatewayConfig config, ProfileView profiles) {
        List<Map.Entry<String, MmsInterface>> listeners = new ArrayList<>();
        config.mm1().ifPresent(l -> listeners.add(Map.entry(l.proxy().profile(), MmsInterface.MM1)));
        config.mm7().ifPresent(l -> listeners.add(Map.entry(l.proxy().profile(), MmsInterface.MM7)));
        config.mm3().ifPresent(l -> listeners.add(Map.entry(l.profile(), MmsInterface.MM3)));
        config.mm4().ifPresent(l -> listeners.add(Map.entry(l.profile(), MmsInterface.MM4)));
        return () -> !listeners.isEmpty() && listeners.stream()
                .allMatch(l -> profiles.settings(l.getKey(), l.getValue()).getFailOpen());
    }
}
