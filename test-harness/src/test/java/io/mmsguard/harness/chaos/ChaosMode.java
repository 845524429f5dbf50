package io.mmsguard.harness.chaos;

import java.time.Duration;

/**
 * How long and how hard each chaos pass runs. {@link #ci()} is the short pass of every build on a shared machine;
 * {@link #full()} (system property {@code chaos.full=true}) is the operator's experiment of issue 16: 15 messages
 * per second, the fault at 25 s, 75 s of load, processes restored 20 s after a kill.
 *
 * @param name            for the figures file
 * @param rate            sessions per second over all interfaces, flood senders included
 * @param load            the least time a pass sends
 * @param faultAt         when in the pass the fault is injected
 * @param hold            from a kill until the restore starts
 * @param pause           how long an inspection instance stays stopped: longer than its 6 s session timeout
 * @param outage          how long the registry and clamd stay down and a gateway's clock off (all brokers:
 *                        {@link #BROKER_OUTAGE})
 * @param tail            sending goes on at least this long after the restore
 * @param maxTail         and at most this long after it while no session sent after the restore was answered OK
 */
record ChaosMode(String name, double rate, Duration load, Duration faultAt, Duration hold, Duration pause,
                 Duration outage, Duration tail, Duration maxTail) {

    /**
     * When a session must have its answer: the gateways' default decision timeout (5 s, after which they answer a
     * temporary failure) and 10 s of slack for two cores shared by nine JVMs and other builds.
     */
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static final Duration BROKER_OUTAGE = Duration.ofSeconds(20);
    static final double FLOOD_RATE_PER_SENDER = 0.5;
    static final int FLOOD_SENDERS = 3;

    static ChaosMode fromSystemProperties() {
        return Boolean.getBoolean("chaos.full") ? full() : ci();
    }

    /** The build's pass: 20 s of load around each fault, outages of 10 s (all brokers: 20 s, as in the issue). */
    static ChaosMode ci() {
        return new ChaosMode("ci", 10, Duration.ofSeconds(20), Duration.ofSeconds(6), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    static ChaosMode full() {
        return new ChaosMode("full", 15, Duration.ofSeconds(75), Duration.ofSeconds(25), Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** The longest a pass can send, what its plan is made for. */
    Duration maxLoad() {
        return faultAt.plus(hold).plus(pause).plus(outage).plus(BROKER_OUTAGE).plus(Duration.ofMinutes(3));
    }

    /** The flood limit: each flood sender offers about twice as much in the shortest pass. */
    int floodLimit() {
        return (int) (FLOOD_RATE_PER_SENDER * load.toSeconds() / 2);
    }
}
