package io.mmsguard.deploy.cli;

/** A peer the command needs (Kafka, the registry, an MMSC) could not be reached; the message is one line. */
public final class Unreachable extends Exception {
    public Unreachable(String message) {
        super(message);
    }
}
