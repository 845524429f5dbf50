package io.mmsguard.schemas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs {@code src/test/python/confluent_oracle.py} with Confluent's Python client. Tests that need it are skipped
 * when it is not installed, unless {@code MMSGUARD_REQUIRE_ORACLES=true} (as in CI), where its absence fails.
 */
public final class ConfluentPythonOracle {
    private static final Path SCRIPT = Paths.get("src", "test", "python", "confluent_oracle.py");
    private final String python;

    private ConfluentPythonOracle(String python) {
        this.python = python;
    }

    /** The oracle, or a skipped test when Confluent's Python client is missing and not required. */
    public static ConfluentPythonOracle require() {
        // Debian's python3-confluent-kafka lives beside /usr/bin/python3, not in a pyenv or venv interpreter.
        String python = System.getenv().getOrDefault("MMSGUARD_ORACLE_PYTHON", "/usr/bin/python3");
        boolean present;
        try {
            present = run(List.of(python, "-c", "import confluent_kafka.avro, avro.schema"), 60).exitCode == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && Boolean.parseBoolean(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new IllegalStateException(python + " cannot import confluent_kafka.avro: install python3-confluent-kafka"
                    + " python3-avro python3-requests (MMSGUARD_REQUIRE_ORACLES=true)");
        }
        assumeTrue(present, "Confluent's Python client (python3-confluent-kafka) is not installed");
        return new ConfluentPythonOracle(python);
    }

    /** Reads {@code count} values of the topic with Confluent's AvroConsumer; returns each as plain JSON. */
    public List<JsonNode> consume(String bootstrap, String registryUrl, String topic, int count) throws IOException {
        Result r = run(List.of(python, SCRIPT.toString(), "consume", "--bootstrap", bootstrap, "--registry", registryUrl,
                "--topic", topic, "--count", Integer.toString(count), "--timeout", "60"), 120);
        if (r.exitCode != 0) {
            throw new IllegalStateException("Confluent AvroConsumer failed (exit " + r.exitCode + "):\n" + r.stderr);
        }
        List<JsonNode> values = new ArrayList<>();
        for (String line : r.stdout.split("\n")) {
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
        Result r = run(List.of(python, SCRIPT.toString(), "produce", "--bootstrap", bootstrap, "--registry", registryUrl,
                "--topic", topic, "--schema-file", schemaFile.toString(), "--records-file", recordsFile.toString()), 120);
        if (r.exitCode != 0) {
            throw new IllegalStateException("Confluent AvroProducer failed (exit " + r.exitCode + "):\n" + r.stderr + r.stdout);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
