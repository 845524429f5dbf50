package io.mmsguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmsguard.avro.MmsEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every top-level schema is recorded in src/main/history, and the history is BACKWARD_TRANSITIVE: the newest
 * schema reads every record ever written, because analysts query years of mms.archive with it.
 *
 * <p>Run with {@code -Dmmsguard.schemas.record=true} to record a changed schema as the next version (only when it
 * is compatible); see the module README.
 */
class SchemaHistoryTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final SchemaHistory HISTORY = new SchemaHistory(MODULE.resolve("src/main/history"));
    private static final boolean RECORD = Boolean.getBoolean(SchemaHistory.RECORD_PROPERTY);
    private static final String RECORD_COMMAND =
            "mvn -B -pl schemas -am test -D" + SchemaHistory.RECORD_PROPERTY + "=true";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Contract<?>> contracts() {
        return Stream.concat(Contracts.ALL.stream(), Contracts.INTERNAL.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void currentSchemaIsTheNewestRecordedVersion(Contract<?> contract) throws IOException {
        String name = contract.recordName();
        List<SchemaHistory.Version> versions = HISTORY.versions(name);
        SchemaHistory.Version newest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        if (newest != null && SchemaHistory.sameSchema(newest.schema(), contract.schema())) {
            return;
        }
        if (RECORD) {
            // append() refuses an incompatible schema, so recording can never break the history.
            System.out.println("recorded " + HISTORY.append(name, contract.schema()));
            return;
        }
        List<String> problems = HISTORY.problemsAppending(name, contract.schema());
        String next = HISTORY.root().resolve(name).resolve("v" + (versions.size() + 1) + ".avsc").toString();
        fail("%s's schema %s.%nIf the change is intended, record it as %s with%n  %s%nand commit that file.%n%s",
                name,
                newest == null ? "has no recorded version" : "differs from its newest recorded version " + newest.file(),
                next, RECORD_COMMAND,
                newest == null ? ""
                        : problems.isEmpty() ? "It is BACKWARD_TRANSITIVE compatible with every recorded version."
                        : "It cannot be recorded: it is not BACKWARD_TRANSITIVE compatible:\n  "
                                + String.join("\n  ", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyRecordedVersionReadsEveryEarlierVersion(Contract<?> contract) throws IOException {
        assertThat(HISTORY.problems(contract.recordName()))
                .as("history of %s must be BACKWARD_TRANSITIVE", contract.recordName())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void contractFollowsTheEvolutionRules(Contract<?> contract) {
        assertThat(SchemaEvolution.ruleProblems(contract.schema())).isEmpty();
    }

    @Test
    void everyHistoryDirectoryBelongsToAContract() throws IOException {
        assertThat(HISTORY.recordNames())
                .containsExactlyInAnyOrderElementsOf(contracts().map(Contract::recordName).distinct().toList());
    }

    @Test
    void eachTopicCarriesOneContract() {
        assertThat(Contracts.ALL.stream().map(Contract::defaultTopic)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(Topics.INBOUND, Topics.DECISIONS, Topics.PROFILES, Topics.ENDPOINT_LISTS,
                        Topics.ARCHIVE, Topics.ALERTS, Topics.INSPECTION_LOG, Topics.CONFIG_AUDIT,
                        Topics.STATE_RESETS, Topics.SHADOW_LOG);
        assertThat(Contracts.forTopic(Topics.ARCHIVE)).map(Contract::subject).hasValue("mms.archive-value");
    }

    /** Changes the check must reject, made to a copy of MmsEnvelope. */
    @Nested
    class TheCheckRejects {

        @Test
        void aNewFieldWithoutDefault() {
            Schema newer = envelopeWith(e -> fields(e).addObject()
                    .put("name", "deadlineAt").put("type", "long").put("doc", "d"));

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).singleElement().asString()
                    .startsWith("READER_FIELD_MISSING_DEFAULT_VALUE at MmsEnvelope.deadlineAt");
        }

        @Test
        void aRemovedEnumSymbolEvenWhenTheEnumHasADefault() {
            Schema newer = envelopeWith(e -> removeSymbol(namedType(e, "MmsInterface"), "MM7"));

            // Avro alone accepts it (old MM7 records would read as UNKNOWN): the reason for our extra rule.
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(newer, envelope()).getType())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).singleElement().asString()
                    .startsWith("ENUM_SYMBOL_REMOVED at io.mmsguard.avro.MmsInterface: symbols [MM7]");
        }

        @Test
        void aChangedFieldType() {
            Schema newer = envelopeWith(e -> field(e, "originalSize").put("type", "int"));

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).singleElement().asString()
                    .startsWith("TYPE_MISMATCH at MmsEnvelope.originalSize")
                    .contains("INT", "LONG");
        }

        @Test
        void aChangedTypeInsideANestedRecord() {
            Schema newer = envelopeWith(e -> field(namedType(e, "MmsPart"), "size").put("type", "string"));

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).singleElement().asString()
                    .startsWith("TYPE_MISMATCH at MmsEnvelope.parts[].size");
        }

        @Test
        void aRenamedFieldWithoutAlias() {
            Schema newer = envelopeWith(e -> field(e, "sessionId").put("name", "sessionKey"));

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).singleElement().asString()
                    .startsWith("READER_FIELD_MISSING_DEFAULT_VALUE at MmsEnvelope.sessionKey");
        }
    }

    /** Controls: without them a checker that always fails would pass the tests above. */
    @Nested
    class TheCheckAccepts {

        @Test
        void aNewNullableFieldWithDefaultNull() {
            Schema newer = envelopeWith(e -> {
                ObjectNode f = fields(e).addObject().put("name", "deadlineAt").put("doc", "d");
                f.putArray("type").add("null").add("long");
                f.putNull("default");
            });

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).isEmpty();
        }

        @Test
        void aRenamedFieldThatKeepsItsOldNameAsAlias() {
            Schema newer = envelopeWith(e -> {
                ObjectNode f = field(e, "sessionId").put("name", "sessionKey");
                f.putArray("aliases").add("sessionId");
            });

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).isEmpty();
        }

        @Test
        void aNewEnumSymbol() {
            Schema newer = envelopeWith(e -> ((ArrayNode) namedType(e, "MmsInterface").get("symbols")).add("MM9"));

            assertThat(SchemaEvolution.backwardProblems(newer, envelope())).isEmpty();
        }
    }

    /** The history code path itself, on a history in a temporary directory. */
    @Nested
    class AHistory {

        @TempDir
        Path root;

        @Test
        void failsWhenAVersionCannotReadAnEarlierOne() throws IOException {
            record(1, envelope());
            record(2, envelopeWith(e -> fields(e).addObject()
                    .put("name", "deadlineAt").put("type", "long").put("doc", "d")));

            assertThat(history().problems("MmsEnvelope")).singleElement().asString()
                    .startsWith("v2 cannot read v1: READER_FIELD_MISSING_DEFAULT_VALUE at MmsEnvelope.deadlineAt");
        }

        @Test
        void isCheckedAgainstEveryEarlierVersionNotOnlyThePreviousOne() throws IOException {
            // v1 -> v2 drops originalSize, v2 -> v3 brings it back as a string: each step is BACKWARD, v3 <- v1 is not.
            Consumer<ObjectNode> drop = e -> removeField(e, "originalSize");
            record(1, envelope());
            record(2, envelopeWith(drop));
            record(3, envelopeWith(drop.andThen(e -> fields(e).addObject()
                    .put("name", "originalSize").put("type", "string").put("doc", "d").put("default", ""))));

            assertThat(history().problems("MmsEnvelope")).singleElement().asString()
                    .startsWith("v3 cannot read v1: TYPE_MISMATCH at MmsEnvelope.originalSize");
        }

        @Test
        void refusesToRecordAnIncompatibleSchemaAndWritesNothing() throws IOException {
            record(1, envelope());
            Schema incompatible = envelopeWith(e -> field(e, "originalSize").put("type", "int"));

            assertThatThrownBy(() -> history().append("MmsEnvelope", incompatible))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("v2 cannot read v1: TYPE_MISMATCH at MmsEnvelope.originalSize");
            assertThat(root.resolve("MmsEnvelope/v2.avsc")).doesNotExist();
        }

        @Test
        void recordsACompatibleChangeAsTheNextSelfContainedVersion() throws IOException {
            record(1, envelope());
            Schema changed = envelopeWith(e -> field(e, "subject").put("doc", "Subject line, decoded."));

            Path written = history().append("MmsEnvelope", changed);

            assertThat(written).isEqualTo(root.resolve("MmsEnvelope/v2.avsc"));
            Schema parsedAlone = new Schema.Parser().parse(written.toFile());
            assertThat(SchemaHistory.sameSchema(parsedAlone, changed)).isTrue();
            assertThat(history().versions("MmsEnvelope")).extracting(SchemaHistory.Version::number)
                    .containsExactly(1, 2);
        }

        @Test
        void aDocChangeIsAChange() {
            Schema changed = envelopeWith(e -> field(e, "subject").put("doc", "Subject line, decoded."));

            assertThat(SchemaHistory.sameSchema(changed, envelope())).isFalse();
            assertThat(SchemaHistory.sameSchema(envelopeWith(e -> { }), envelope())).isTrue();
        }

        @Test
        void rejectsGapsInTheVersionNumbers() throws IOException {
            record(1, envelope());
            record(3, envelope());

            assertThatThrownBy(() -> history().versions("MmsEnvelope"))
                    .hasMessageContaining("without gaps").hasMessageContaining("[v1, v3]");
        }

        private SchemaHistory history() {
            return new SchemaHistory(root);
        }

        private void record(int version, Schema schema) throws IOException {
            Path dir = Files.createDirectories(root.resolve("MmsEnvelope"));
            Files.writeString(dir.resolve("v" + version + ".avsc"), SchemaHistory.render(schema));
        }
    }

    @Nested
    class TheRules {

        @Test
        void flagAnEnumWithoutDefaultAUnionWithNullLastAndAMissingDoc() {
            Schema broken = new Schema.Parser().parse("""
                    {"type": "record", "name": "R", "doc": "r", "fields": [
                      {"name": "e", "doc": "e", "type": {"type": "enum", "name": "E", "doc": "e", "symbols": ["A"]}},
                      {"name": "u", "doc": "u", "type": ["string", "null"], "default": ""},
                      {"name": "n", "type": "int"}
                    ]}""");

            assertThat(SchemaEvolution.ruleProblems(broken)).containsExactlyInAnyOrder(
                    "E: enum without a default symbol",
                    "R.u: a union must be [\"null\", T]",
                    "R.n: no doc");
        }
    }

    private static Schema envelope() {
        return MmsEnvelope.getClassSchema();
    }

    private static Schema envelopeWith(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(envelope().toString());
            change.accept(json);
            return new Schema.Parser().parse(json.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (JsonNode f : fields(record)) {
            if (f.get("name").asText().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static void removeField(ObjectNode record, String name) {
        for (Iterator<JsonNode> it = fields(record).elements(); it.hasNext(); ) {
            if (it.next().get("name").asText().equals(name)) {
                it.remove();
                return;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    /** The inline definition of a named type, wherever Avro's rendering put it. */
    private static ObjectNode namedType(JsonNode root, String name) {
        ObjectNode found = findNamedType(root, name);
        if (found == null) {
            throw new IllegalArgumentException("no type " + name);
        }
        return found;
    }

    private static ObjectNode findNamedType(JsonNode node, String name) {
        if (node.isObject() && node.path("type").isTextual()
                && List.of("record", "enum").contains(node.get("type").asText())
                && name.equals(node.path("name").asText())) {
            return (ObjectNode) node;
        }
        for (JsonNode child : node) { // values of an object, elements of an array, nothing for a scalar
            ObjectNode found = findNamedType(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void removeSymbol(ObjectNode enumType, String symbol) {
        for (Iterator<JsonNode> it = enumType.get("symbols").elements(); it.hasNext(); ) {
            if (it.next().asText().equals(symbol)) {
                it.remove();
                return;
            }
        }
        throw new IllegalArgumentException("no symbol " + symbol);
    }
}
