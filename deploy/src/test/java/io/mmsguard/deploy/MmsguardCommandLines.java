package io.mmsguard.deploy;

import picocli.CommandLine;

/** Gives tests in other packages the same command line as {@code main}, which MmsguardMain keeps package-private. */
public final class MmsguardCommandLines {
    private MmsguardCommandLines() {
    }

    public static CommandLine create() {
        return MmsguardMain.commandLine();
    }
}
