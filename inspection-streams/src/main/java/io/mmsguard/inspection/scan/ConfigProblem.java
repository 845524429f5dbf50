package io.mmsguard.inspection.scan;

/**
 * One reason to reject a configuration.
 *
 * @param path    field path as in the Avro profile, e.g. {@code bannedWords[2].pattern}
 * @param message what is wrong, for an administrator
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
