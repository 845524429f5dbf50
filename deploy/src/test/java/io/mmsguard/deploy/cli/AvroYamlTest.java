package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.EndpointEntry;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.service.YamlProblem;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class AvroYamlTest {

    private static List<String> problems(String yaml) {
        return ConfigDocument.parse(yaml).problems().stream().map(YamlProblem::toString).toList();
    }

    static MmsProfile fullProfile() {
        Threshold flood = Threshold.newBuilder().setEnabled(true).setWindowMinutes(1).setLimit(5)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(10).build();
        return MmsProfile.newBuilder().setName("full").setComment("every kind of field")
                .setAudit(Audit.newBuilder().setVersion(7).setUpdatedBy("ops")
                        .setUpdatedAt(Instant.parse("2026-11-24T10:15:30.250Z")).setChangeNote(null).build())
                .setMm1(InterfaceSettings.newBuilder().setFlood(List.of(flood)).setMonitorOnly(true)
                        .setOversizeLimitKb(2048).build())
                .setEndpointLists(List.of("vip", "blocked"))
                .setBannedWordThreshold(25)
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").setScore(30)
                        .setPatternType(PatternType.REGEX).build()))
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .build();
    }

    @Test
    void aFullProfileAndAListSurviveTheRoundTripThroughTheFileFormat() {
        EndpointList list = EndpointList.newBuilder().setName("vip").setEnabled(false)
                .setEntries(List.of(EndpointEntry.newBuilder().setPattern("+49170*").setPatternType(PatternType.WILDCARD)
                        .setAction(EndpointAction.EXEMPT).build())).build();
        String yaml = ConfigDocument.write(List.of(fullProfile()), List.of(list));

        ConfigDocument doc = ConfigDocument.parse(yaml);

        assertThat(doc.problems()).isEmpty();
        // The audit stamp is apply's to set: the file format leaves it out (config history shows it).
        assertThat(doc.profiles()).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(ConfigRecords.content(fullProfile())));
        assertThat(doc.endpointLists()).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(list));
        assertThat(yaml).contains("- BLOCK").doesNotContain("audit").doesNotContain("updatedAt")
                .as("fields at their default are left out").doesNotContain("antivirus");
    }

    @Test
    void missingFieldsTakeTheSchemaDefaultsAndEnumsReadInAnyCase() {
        ConfigDocument doc = ConfigDocument.parse("""
                profiles:
                  - name: p
                    mm1:
                      flood:
                        - {enabled: true, limit: 3, actions: [Block]}
                """);

        assertThat(doc.problems()).isEmpty();
        MmsProfile p = doc.profiles().get(0).value();
        assertThat(p.getBannedWordThreshold()).isEqualTo(10);
        assertThat(p.getMm1().getAntivirus()).isTrue();
        assertThat(p.getMm1().getFlood().get(0).getWindowMinutes()).isEqualTo(60);
        assertThat(p.getMm1().getFlood().get(0).getActions()).containsExactly(ThresholdAction.BLOCK);
        assertThat(p).isEqualTo(MmsProfile.newBuilder().setName("p").setMm1(InterfaceSettings.newBuilder()
                .setFlood(List.of(Threshold.newBuilder().setEnabled(true).setLimit(3)
                        .setActions(List.of(ThresholdAction.BLOCK)).build())).build()).build());
        assertThat(ConfigDocument.write(List.of(MmsProfile.newBuilder().setName("p").build()), List.of()))
                .isEqualTo("profiles:\n- name: p\nendpointLists: []\n");
    }

    @Test
    void aDefaultedTimestampIsAnInstant() {
        ConfigDocument doc = ConfigDocument.parse("profiles:\n  - name: p\n    audit: {version: 3}\n");

        assertThat(doc.problems()).isEmpty();
        assertThat(doc.profiles().get(0).value().getAudit())
                .isEqualTo(Audit.newBuilder().setVersion(3).setUpdatedAt(Instant.EPOCH).build());
    }

    @Test
    void unknownFieldsAreReportedOnTheirLineWithTheKnownOnes() {
        assertThat(problems("""
                profiles:
                  - name: p
                    mm1:
                      antivirsu: true
                """)).singleElement().asString()
                .startsWith("4: profiles[0].mm1.antivirsu: unknown field of InterfaceSettings (known: antivirus, ");
    }

    @Test
    void wrongTypesAreReportedOnTheValuesLine() {
        assertThat(problems("""
                profiles:
                  - name: p
                    bannedWordThreshold: lots
                    mm1:
                      monitorOnly: maybe
                      flood: none
                    bannedWords:
                      pattern: x
                """)).containsExactly(
                "3: profiles[0].bannedWordThreshold: expected an integer, got \"lots\"",
                "5: profiles[0].mm1.monitorOnly: expected true or false, got \"maybe\"",
                "6: profiles[0].mm1.flood: expected a list, got \"none\"",
                "8: profiles[0].bannedWords: expected a list, got a mapping");
    }

    @Test
    void integersOutOfRangeAreRejected() {
        assertThat(problems("""
                profiles:
                  - name: p
                    bannedWordThreshold: 3000000000
                """)).containsExactly(
                "3: profiles[0].bannedWordThreshold: 3000000000 is out of range for an int (-2147483648..2147483647)");
    }

    @Test
    void missingRequiredFieldsAreReportedWhereTheRecordStarts() {
        assertThat(problems("""
                profiles:
                  - name: p
                    bannedWords:
                      - score: 3
                endpointLists:
                  - comment: no name
                """)).containsExactly(
                "4: profiles[0].bannedWords[0].pattern: is required",
                "6: endpointLists[0].name: is required");
    }

    @Test
    void unknownEnumSymbolsNullsAndBadTimestampsAreRejected() {
        assertThat(problems("""
                profiles:
                  - name: ~
                    comment: ~
                    audit:
                      updatedAt: yesterday
                    mm1:
                      archive: sometimes
                """)).containsExactly(
                "2: profiles[0].name: must not be null (expected a string)",
                "5: profiles[0].audit.updatedAt: expected an ISO-8601 instant such as 2026-11-24T10:00:00Z, got \"yesterday\"",
                "7: profiles[0].mm1.archive: \"sometimes\" is not one of [UNKNOWN, NONE, SUMMARY, FULL]");
    }

    @Test
    void theFileStructureAndDuplicateNamesAreChecked() {
        assertThat(problems("""
                profiles:
                  - name: a
                  - name: a
                endpointList: []
                """)).containsExactly(
                "3: profiles[1].name: profile \"a\" is defined twice (first at line 2)",
                "4: endpointList: unknown section (known: profiles, endpointLists)");
        assertThat(problems("profiles: [\n  - name: a\n")).singleElement().asString().startsWith("2: not valid YAML");
        assertThat(problems("- a\n- b\n")).containsExactly(
                "1: the file must be a mapping with profiles: and endpointLists:");
    }

    @Test
    void aValidatorPathIsPlacedOnItsLineOrItsNearestWrittenAncestor() {
        AvroYaml reader = new AvroYaml();
        reader.read(new Yaml().compose(new StringReader("""
                name: p
                mm1:
                  flood:
                    - enabled: true
                      limit: 0
                """)), MmsProfile.class);

        assertThat(reader.problems()).isEmpty();
        assertThat(reader.lineOf("mm1.flood[0].limit")).isEqualTo(5);
        assertThat(reader.lineOf("mm1.flood[0].windowMinutes")).as("defaulted: the threshold's line").isEqualTo(4);
        assertThat(reader.lineOf("mm3.flood")).as("nothing written: the record's line").isEqualTo(1);
    }

    @Test
    void bytesAreBase64AndNullableUnionsTakeTheValueOrNull() {
        AvroYaml reader = new AvroYaml();
        MmsPart part = reader.read(new Yaml().compose(new StringReader("""
                contentType: text/plain
                charset: utf-8
                name: ~
                size: 2
                crc32: 4294967295
                sha256: ab
                content: aGk=
                """)), MmsPart.class);

        assertThat(reader.problems()).isEmpty();
        assertThat(part.getContent()).isEqualTo(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
        assertThat(part.getCharset()).isEqualTo("utf-8");
        assertThat(part.getName()).isNull();
        assertThat(part.getCrc32()).isEqualTo(4294967295L);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) AvroYaml.toTree(part, part.getSchema(), false);
        assertThat(tree).containsEntry("content", "aGk=").containsEntry("name", null).containsEntry("size", 2L);
    }

    @Test
    void aKeyGivenTwiceAndAnAliasBombAreReportedAsProblems() {
        assertThat(problems("profiles:\n  - name: p\n    name: q\n"))
                .containsExactly("3: profiles[0].name: is given twice");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a, *a, *a, *a, *a, *a]\n");
        }
        assertThat(problems(bomb.toString())).singleElement().asString().contains("aliases");
    }
}
