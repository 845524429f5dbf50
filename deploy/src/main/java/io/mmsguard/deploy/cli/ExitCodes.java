package io.mmsguard.deploy.cli;

/**
 * The exit codes of every command, so that scripts can tell the causes apart, and the {@code --help} texts that
 * list them (picocli's "code:text" footer form for the data commands).
 */
final class ExitCodes {
    /** Success: a clean stop, the peer accepted the message, the command did what was asked. */
    static final int OK = 0;
    /** The peer refused the message, the service failed while starting, validation failed or nothing matched. */
    static final int FAILED = 1;
    static final int REFUSED = FAILED;
    /** Bad configuration or usage (picocli's own code for usage errors). */
    static final int USAGE = 2;
    static final int CONFIG = USAGE;
    /** Kafka, the registry or the target could not be reached. */
    static final int UNREACHABLE = 3;

    static final String SERVICE_HELP = "Exit codes: 0 clean stop (SIGTERM or Ctrl-C), 1 the service failed while"
            + " starting, 2 bad configuration (one line on stderr naming the key), 3 Kafka or the schema registry"
            + " unreachable at start.";

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:success";
    static final String USAGE_LINE = "2:usage error (unknown option, bad value)";
    static final String UNREACHABLE_LINE = "3:Kafka or the schema registry could not be reached within 10s";

    private ExitCodes() {
    }
}
