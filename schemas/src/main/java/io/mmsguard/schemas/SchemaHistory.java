package io.mmsguard.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaParseException;

/**
 * The committed versions of each top-level schema: {@code <root>/<RecordName>/v1.avsc, v2.avsc, ...}. Each file is
 * a full, self-contained schema (pretty JSON as Avro renders it), so it parses alone and can be fed to a registry or
 * any Avro tool as it is.
 */
public final class SchemaHistory {

    /** System property that makes the history test record changed schemas instead of failing. */
    public static final String RECORD_PROPERTY = "mmsguard.schemas.record";

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded version. */
    public record Version(int number, Path file, Schema schema) {
    }

    private final Path root;

    public SchemaHistory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Recorded versions of {@code recordName}, oldest first; empty when none is recorded. */
    public List<Version> versions(String recordName) throws IOException {
        Path dir = root.resolve(recordName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".avsc")) {
                    continue;
                }
                Matcher m = VERSION_FILE.matcher(name);
                if (!m.matches()) {
                    throw new IllegalStateException(file + ": history files are named vN.avsc");
                }
                versions.add(new Version(Integer.parseInt(m.group(1)), file, parse(file)));
            }
        }
        versions.sort(Comparator.comparingInt(Version::number));
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).number() != i + 1) {
                throw new IllegalStateException(dir + ": versions must run v1..vN without gaps, found "
                        + versions.stream().map(v -> "v" + v.number()).toList());
            }
        }
        return versions;
    }

    /** Record names that have a history directory. */
    public List<String> recordNames() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** BACKWARD_TRANSITIVE problems within the recorded history of {@code recordName}. */
    public List<String> problems(String recordName) throws IOException {
        return SchemaEvolution.transitiveProblems(versions(recordName).stream().map(Version::schema).toList());
    }

    /** Problems that stop {@code schema} from becoming the next version of {@code recordName}. */
    public List<String> problemsAppending(String recordName, Schema schema) throws IOException {
        return SchemaEvolution.problemsAppending(versions(recordName).stream().map(Version::schema).toList(), schema);
    }

    /**
     * Writes {@code schema} as version N+1 of {@code recordName}.
     *
     * @throws IllegalStateException when it equals the newest version or cannot read every recorded version
     */
    public Path append(String recordName, Schema schema) throws IOException {
        List<Version> versions = versions(recordName);
        if (!versions.isEmpty() && sameSchema(versions.get(versions.size() - 1).schema(), schema)) {
            throw new IllegalStateException(recordName + " is already recorded as " + versions.get(versions.size() - 1)
                    .file());
        }
        List<String> problems = problemsAppending(recordName, schema);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(recordName + " is not BACKWARD_TRANSITIVE compatible with its history, "
                    + "nothing recorded:\n  " + String.join("\n  ", problems));
        }
        Path dir = Files.createDirectories(root.resolve(recordName));
        Path file = dir.resolve("v" + (versions.size() + 1) + ".avsc");
        Files.writeString(file, render(schema), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return file;
    }

    /** The text a history file holds: what {@code Schema.toString(true)} gave before Avro 1.12 deprecated it. */
    public static String render(Schema schema) {
        return SchemaFormatter.getInstance("json/pretty").format(schema) + "\n";
    }

    /**
     * Whether two schemas are the same contract: the same JSON once rendered by Avro, docs and defaults included
     * (a registry stores a doc change as a new version too), whitespace and key order ignored.
     */
    public static boolean sameSchema(Schema a, Schema b) {
        return tree(a).equals(tree(b));
    }

    private static JsonNode tree(Schema schema) {
        try {
            return JSON.readTree(schema.toString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(Path file) throws IOException {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (SchemaParseException e) {
            throw new IllegalStateException(file + " does not parse on its own: " + e.getMessage(), e);
        }
    }
}
