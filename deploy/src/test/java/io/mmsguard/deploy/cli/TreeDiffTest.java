package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.MmsProfile;
import org.junit.jupiter.api.Test;

class TreeDiffTest {

    @Test
    void identicalTreesHaveNoChanges() {
        MmsProfile p = AvroYamlTest.fullProfile();
        assertThat(TreeDiff.diff(AvroYaml.toTree(p, p.getSchema(), false), AvroYaml.toTree(p, p.getSchema(), false)))
                .isEmpty();
    }

    @Test
    void changedLeavesAndListElementsAreListedWithTheirPaths() {
        MmsProfile before = AvroYamlTest.fullProfile();
        MmsProfile after = MmsProfile.newBuilder(before).setBannedWordThreshold(30).setComment(null)
                .setBannedWords(List.of(before.getBannedWords().get(0), BannedWord.newBuilder().setPattern("win").build()))
                .build();
        after.getMm1().getFlood().get(0).setLimit(6);

        assertThat(TreeDiff.diff(AvroYaml.toTree(before, before.getSchema(), false),
                AvroYaml.toTree(after, after.getSchema(), false))).map(TreeDiff.Change::toString).containsExactly(
                "comment: \"every kind of field\" -> null",
                "mm1.flood[0].limit: 5 -> 6",
                "bannedWordThreshold: 25 -> 30",
                "bannedWords[1]: (none) -> {\"pattern\":\"win\",\"patternType\":\"WILDCARD\",\"action\":\"BLOCK\","
                        + "\"score\":10,\"enabled\":true}");
    }

    @Test
    void keysOnOneSideOnlyAreAddedOrRemoved() {
        assertThat(TreeDiff.diff(Map.of("a", 1), Map.of("b", List.of()))).map(TreeDiff.Change::toString)
                .containsExactly("a: 1 -> (none)", "b: (none) -> []");
    }
}
