package io.mmsguard.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.testkit.python.ConfluentPython;

/**
 * Runs {@code src/test/python/confluent_oracle.py} with Confluent's Python client ({@link ConfluentPython}: skipped
 * when it is not installed, unless {@code MMSGUARD_REQUIRE_ORACLES=true}).
 */
public final class ConfluentPythonOracle {
    private static final Path SCRIPT = Paths.get("src", "test", "python", "confluent_oracle.py");
    private final ConfluentPython python;

    private ConfluentPythonOracle(ConfluentPython python) {
        this.python = python;
    }

    /** The oracle, or a skipped test when Confluent's Python client is missing and not required. */
    public static ConfluentPythonOracle require() {
        return new ConfluentPythonOracle(ConfluentPython.require());
    }

    /** Reads {@code count} values of the topic with Confluent's AvroConsumer; returns each as plain JSON. */
    public List<JsonNode> consume(String bootstrap, String registryUrl, String topic, int count) throws IOException {
        ConfluentPython.Result r = python.runScript(SCRIPT, List.of("consume", "--bootstrap", bootstrap, "--registry",
                registryUrl, "--topic", topic, "--count", Integer.toString(count), "--timeout", "60"), 120);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("Confluent AvroConsumer failed (exit " + r.exitCode() + "):\n" + r.stderr());
        }
        List<JsonNode> values = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                values.add(PlainJson.parse(line).get("value"));
            }
        }
        return values;
    }

    /** Registers {@code schemaJson} under {@code <topic>-value} and writes the records with Confluent's AvroProducer. */
    public void produce(String bootstrap, String registryUrl, String topic, String schemaJson, List<JsonNode> records,
                        Path workDir) throws IOException {
        Path schemaFile = workDir.resolve(topic + ".avsc");
        Path recordsFile = workDir.resolve(topic + ".jsonl");
        Files.writeString(schemaFile, schemaJson, StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(r.toString()).append('\n'));
        Files.writeString(recordsFile, lines, StandardCharsets.UTF_8);
        ConfluentPython.Result r = python.runScript(SCRIPT, List.of("produce", "--bootstrap", bootstrap, "--registry",
                registryUrl, "--topic", topic, "--schema-file", schemaFile.toString(), "--records-file",
                recordsFile.toString()), 120);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("Confluent AvroProducer failed (exit " + r.exitCode() + "):\n" + r.stderr()
                    + r.stdout());
        }
    }
}
