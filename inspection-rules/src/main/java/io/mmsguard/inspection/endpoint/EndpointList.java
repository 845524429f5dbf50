package io.mmsguard.inspection.endpoint;

import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.inspection.scan.ValuePattern;

import java.util.ArrayList;
import java.util.List;

/** A carrier endpoint list; mirrors the Avro {@code EndpointList} (without comment and audit, which do not match). */
public record EndpointList(String name, boolean enabled, List<EndpointEntry> entries) {

    public EndpointList {
        entries = List.copyOf(entries);
    }

    /** Problems with paths relative to the list record ({@code entries[3].pattern}). */
    public List<ValidationProblem> validate() {
        List<ValidationProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new ValidationProblem("name", "must not be empty"));
        }
        for (int i = 0; i < entries.size(); i++) {
            EndpointEntry e = entries.get(i);
            String path = "entries[" + i + "]";
            problems.addAll(ValuePattern.validate(path, e.pattern(), e.patternType()));
            if (e.action() == null) {
                problems.add(new ValidationProblem(path + ".action", "is required"));
            }
        }
        return problems;
    }
}
