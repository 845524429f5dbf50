package io.mmsguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a service's YAML file from its dotted keys (docs/configuration.md), one mapping per first segment as
 * operators write them ({@code kafka: {bootstrap.servers: ...}}); every value a quoted string, which the services
 * read like any other scalar.
 */
final class ServiceYaml {
    private ServiceYaml() {
    }

    static Path write(Path file, Map<String, String> settings) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("not a dotted service key: " + key);
            }
            sections.computeIfAbsent(key.substring(0, dot), s -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), value);
        });
        StringBuilder yaml = new StringBuilder("# Written by the mmsguard test harness; keys: docs/configuration.md\n");
        sections.forEach((section, keys) -> {
            yaml.append(section).append(":\n");
            keys.forEach((k, v) -> yaml.append("  ").append(k).append(": ").append(quoted(v)).append('\n'));
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
