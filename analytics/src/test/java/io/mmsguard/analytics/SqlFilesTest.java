package io.mmsguard.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.InspectionLog;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The SQL files analysts take to a Flink SQL client (analytics/sql/) and the statements in docs/analytics.md stay what
 * this module generates for the current contracts and runs in ArchiveSqlIntegrationTest: a field added to a
 * contract fails this test until the files are regenerated ({@code -Dmmsguard.analytics.write-sql=true} rewrites
 * them).
 */
class SqlFilesTest {
    private static final Path SQL = Path.of("sql");
    private static final Path DOCS = Path.of("..", "docs", "analytics.md");
    private static final KafkaConnection PLACEHOLDERS = new KafkaConnection("${BOOTSTRAP}", "${REGISTRY}");

    /** The table's DDL for the contract, with {@code ${<NAME>_SCHEMA}} where the registry's schema text goes. */
    static String template(TopicTable table, Schema contract) {
        String ddl = table.createTable(contract.toString(), PLACEHOLDERS);
        String literal = TopicTable.literal(contract.toString());
        assertThat(ddl).contains(literal);
        return ddl.replace(literal, "'${" + table.name().toUpperCase(java.util.Locale.ROOT) + "_SCHEMA}'") + ";\n";
    }

    private static String queries() {
        StringBuilder b = new StringBuilder();
        for (ArchiveQuery q : ArchiveQuery.values()) {
            b.append("-- ").append(q.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append('\n')
                    .append(q.sql()).append(";\n\n");
        }
        return b.toString().stripTrailing() + "\n";
    }

    private static void check(String file, String expected) throws IOException {
        Path path = SQL.resolve(file);
        if (Boolean.getBoolean("mmsguard.analytics.write-sql")) {
            Files.createDirectories(SQL);
            Files.writeString(path, expected, StandardCharsets.UTF_8);
        }
        assertThat(path).as("regenerate with -Dmmsguard.analytics.write-sql=true").hasContent(expected);
    }

    @Test
    void theTableFilesAreTheDdlOfTheCurrentContracts() throws IOException {
        check("archive.sql", template(TopicTable.ARCHIVE, ArchiveRecord.getClassSchema()));
        check("inspection_log.sql", template(TopicTable.INSPECTION_LOG, InspectionLog.getClassSchema()));
        check("queries.sql", queries());
    }

    @Test
    void theDocsShowTheArchiveTableAndEveryQuery() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);

        assertThat(docs).contains(Files.readString(SQL.resolve("archive.sql"), StandardCharsets.UTF_8));
        for (ArchiveQuery q : ArchiveQuery.values()) {
            assertThat(docs).as(q.name()).containsPattern(Pattern.quote(q.sql() + ";"));
        }
    }
}
