package io.mmsguard.service;

import java.util.List;

/**
 * A configuration that cannot be used; each problem names the key (and where it was set) and what is wrong, for the
 * operator. A file with several problems reports them all at once.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** @param problems one line each, at least one */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in the order found (file lines first, then the environment). */
    public List<String> problems() {
        return problems;
    }
}
