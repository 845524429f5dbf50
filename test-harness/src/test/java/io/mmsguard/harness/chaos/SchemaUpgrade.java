package io.mmsguard.harness.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mmsguard.schemas.SchemaEvolution;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The versions a release registered under the subjects an earlier release left, judged both ways a rolling upgrade
 * needs: the project's rule ({@link SchemaEvolution}: each new version reads every earlier one, no enum symbol
 * removed), and the earlier release's newest version reading the new one, since during the rollout instances of
 * the earlier release read what upgraded ones write.
 */
final class SchemaUpgrade {
    private SchemaUpgrade() {
    }

    /** Subject to the versions {@code after} has beyond {@code before}'s, for subjects that have any. */
    static Map<String, List<Integer>> newVersions(Map<String, List<Integer>> before, Map<String, List<Integer>> after) {
        Map<String, List<Integer>> out = new TreeMap<>();
        before.forEach((subject, old) -> {
            List<Integer> added = after.getOrDefault(subject, List.of()).stream().filter(v -> !old.contains(v))
                    .toList();
            if (!added.isEmpty()) {
                out.put(subject, added);
            }
        });
        return out;
    }

    /** Why a new version of a subject cannot follow the earlier release's versions; empty when all can. */
    static List<String> problems(String registryUrl, Map<String, List<Integer>> before,
                                 Map<String, List<Integer>> after) {
        List<String> problems = new ArrayList<>();
        newVersions(before, after).forEach((subject, added) -> {
            List<Schema> history = new ArrayList<>();
            before.get(subject).forEach(v -> history.add(RegisteredSchemas.schema(registryUrl, subject, v)));
            Schema previousNewest = history.get(history.size() - 1);
            for (int version : added) {
                Schema candidate = RegisteredSchemas.schema(registryUrl, subject, version);
                SchemaEvolution.problemsAppending(history, candidate)
                        .forEach(p -> problems.add(subject + " v" + version + ": " + p));
                SchemaCompatibility.SchemaPairCompatibility forward =
                        SchemaCompatibility.checkReaderWriterCompatibility(previousNewest, candidate);
                forward.getResult().getIncompatibilities().forEach(i -> problems.add(subject + " v" + version
                        + ": the previous release's newest version cannot read it: " + i.getType() + " at "
                        + i.getLocation() + ": " + i.getMessage()));
                history.add(candidate);
            }
        });
        return problems;
    }
}
