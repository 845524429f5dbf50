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
    /** config apply or rollback: another apply changed a record this one was based on; nothing was written. */
    static final int CONFLICT = 4;
    /** config apply or rollback: written, but the inspection service rejected it (the previous version stays). */
    static final int REJECTED = 5;
    /** config apply or rollback: written, but no inspection instance reported the version within --wait. */
    static final int NOT_CONFIRMED = 6;

    static final String SERVICE_HELP = "Exit codes: 0 clean stop (SIGTERM or Ctrl-C), 1 the service failed while"
            + " starting, 2 bad configuration (one line on stderr naming the key), 3 Kafka or the schema registry"
            + " unreachable at start.";

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:success";
    static final String USAGE_LINE = "2:usage error (unknown option, bad value)";
    static final String UNREACHABLE_LINE = "3:Kafka or the schema registry could not be reached within 10s";
    static final String CONFLICT_LINE = "4:conflict: a record changed since it was read (another apply); nothing"
            + " was written; re-run";
    static final String REJECTED_LINE = "5:written, but the inspection service rejected a record (the previous"
            + " version stays in force)";
    static final String NOT_CONFIRMED_LINE = "6:written, but no inspection instance reported the new version"
            + " within --wait";

    private ExitCodes() {
    }
}
