package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret a command needs (a VASP password, the admin token), from a file option or an environment variable, never
 * from the command line: anything there is in every user's process list ({@code ps}, {@code /proc/<pid>/cmdline})
 * and in shell histories.
 */
final class CliSecret {
    private static final int MAX_BYTES = 4096;

    private CliSecret() {
    }

    /**
     * @param file     the file option's value, or null; its content with surrounding whitespace dropped
     * @param option   the file option's name, for messages
     * @param variable the environment variable read when no file is given
     */
    static Optional<String> read(Path file, String option, String variable, Map<String, String> env) {
        if (file == null) {
            return Optional.ofNullable(env.get(variable)).map(String::strip).filter(v -> !v.isEmpty());
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliException(ExitCodes.USAGE, option + " " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            String secret = new String(bytes, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, option + " " + file + ": empty");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, option + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
