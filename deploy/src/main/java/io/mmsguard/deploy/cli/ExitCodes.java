package io.mmsguard.deploy.cli;

/** The exit codes every data command uses, and their {@code --help} footer lines (picocli's "code:text" form). */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:success";
    static final String USAGE_LINE = "2:usage error (unknown option, bad value)";
    static final String UNREACHABLE_LINE = "3:Kafka or the schema registry could not be reached within 10s";

    private ExitCodes() {
    }
}
