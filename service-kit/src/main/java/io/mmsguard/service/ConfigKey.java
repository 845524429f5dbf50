package io.mmsguard.service;

import java.util.Objects;

/**
 * One key a service accepts: a fixed key ({@code gateway.decision-timeout}) or a pattern for map-like keys, whose
 * last part is a placeholder in angle brackets ({@code mm7.vasp.<vasp-id>}, {@code kafka.<property>}).
 *
 * @param name         the key or the pattern
 * @param defaultValue the default as a file would spell it ({@code 5s}), or null when the key is required, optional
 *                     or computed (the meaning says which)
 * @param meaning      one line for {@code --help}; docs/configuration.md has the long form
 * @param separator    patterns only: the character that {@code _} stands for in the entry part of an environment
 *                     variable ({@code MMSGUARD_KAFKA_MAX_POLL_RECORDS} sets {@code kafka.max.poll.records} with
 *                     {@code .})
 */
public record ConfigKey(String name, String defaultValue, String meaning, char separator) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        boolean pattern = name.endsWith(">");
        if (pattern && (name.indexOf(".<") < 0 || name.indexOf('<') != name.lastIndexOf('<'))) {
            throw new IllegalArgumentException("a pattern ends with .<placeholder>: " + name);
        }
        if (!pattern && !name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("a key is lower case, with . and - between words: " + name);
        }
    }

    /** A fixed key; {@code defaultValue} null when it is required, optional or computed. */
    public static ConfigKey of(String name, String defaultValue, String meaning) {
        return new ConfigKey(name, defaultValue, meaning, '.');
    }

    public boolean isPattern() {
        return name.endsWith(">");
    }

    /** The fixed part of a pattern, with its trailing dot ({@code mm7.vasp.}); the whole name of a fixed key. */
    public String prefix() {
        return isPattern() ? name.substring(0, name.indexOf('<')) : name;
    }

    /** Whether {@code key} is this key, or an entry of this pattern. */
    public boolean matches(String key) {
        return isPattern() ? key.length() > prefix().length() && key.startsWith(prefix()) : key.equals(name);
    }
}
