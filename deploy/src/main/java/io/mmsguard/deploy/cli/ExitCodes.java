package io.mmsguard.deploy.cli;

/** Exit codes shared by the service and send commands, so that scripts can tell the causes apart. */
final class ExitCodes {
    /** Clean stop, or the peer accepted the message. */
    static final int OK = 0;
    /** The peer refused the message, or the service failed while starting. */
    static final int REFUSED = 1;
    /** Bad configuration or usage (picocli's own code for usage errors). */
    static final int CONFIG = 2;
    /** Kafka, the registry or the target could not be reached. */
    static final int UNREACHABLE = 3;

    static final String SERVICE_HELP = "Exit codes: 0 clean stop (SIGTERM or Ctrl-C), 1 the service failed while"
            + " starting, 2 bad configuration (one line on stderr naming the key), 3 Kafka or the schema registry"
            + " unreachable at start.";

    private ExitCodes() {
    }
}
