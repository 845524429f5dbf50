package io.mmsguard.gateway.session;

import java.util.Objects;

import io.mmsguard.avro.Decision;

/** How a held session ends on the inspection side; a protocol handler turns it into its own answer. */
public sealed interface SessionOutcome {

    /** The topology decided. */
    record Decided(Decision decision) implements SessionOutcome {
        public Decided {
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** No decision within the configured timeout. */
    record TimedOut() implements SessionOutcome {
    }

    /** The envelope could not be published (Kafka unreachable, too large, ...). */
    record Unavailable(String reason) implements SessionOutcome {
    }
}
