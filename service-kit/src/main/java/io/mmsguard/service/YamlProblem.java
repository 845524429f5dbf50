package io.mmsguard.service;

/**
 * A problem at a line of a YAML file, reported to the operator who edits that file as {@code FILE:LINE: path: reason}
 * (or {@code FILE:LINE: reason} without a path): the one format for the service configurations and the profile files
 * of {@code mmsguard config}.
 *
 * @param line   1-based
 * @param path   what the problem is about (a dotted key, a jq-style path), or empty
 */
public record YamlProblem(int line, String path, String reason) {

    /** The line the operator reads; {@code file} is the file as they named it. */
    public String report(Object file) {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + reason;
    }

    @Override
    public String toString() {
        return line + ": " + (path.isEmpty() ? "" : path + ": ") + reason;
    }
}
