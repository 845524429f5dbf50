package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mmsguard.service.YamlProblem;

/** The profile YAML file named on the command line: read, and its problems printed as {@code FILE:LINE: path: reason}. */
final class ConfigFile {
    private static final long MAX_BYTES = 16L << 20;
    static final int MAX_BYTES_INT = (int) MAX_BYTES;

    private ConfigFile() {
    }

    static ConfigDocument read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CliException(ExitCodes.FAILED, file + " is larger than " + MAX_BYTES + " bytes");
            }
            return ConfigDocument.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void report(Path file, List<YamlProblem> problems, PrintWriter err) {
        for (YamlProblem p : problems) {
            err.println(p.report(file));
        }
    }
}
