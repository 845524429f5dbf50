package io.mmsguard.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code /state/...} answer as an operator reads it: what was asked, one row per threshold, the verdict. */
final class StateTable {
    private static final String ROW = "%-9s %-8s %-7s %-7s %-7s %-7s %s";

    private StateTable() {
    }

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s state of %s on %s, profile %s (owner %s, partition %s, at %s)%n",
                s.path("kind").asText(), s.path("key").asText(), s.path("interface").asText(),
                s.path("profile").asText(), s.path("owner").asText(), s.path("partition").asText(), s.path("at").asText()));
        JsonNode thresholds = s.path("thresholds");
        if (thresholds.isEmpty()) {
            b.append(String.format("no enabled %s thresholds on %s in this profile%n", s.path("kind").asText(),
                    s.path("interface").asText()));
        } else {
            b.append(String.format(ROW, "THRESHOLD", "WINDOW", "LIMIT", "COUNT", "FLAGGED", "BLOCKED", "BLOCKED UNTIL")
                    .stripTrailing()).append('\n');
            for (JsonNode t : thresholds) {
                b.append(String.format(ROW, t.path("threshold").asText(), t.path("windowMinutes").asText() + " min",
                        t.path("limit").asText(), t.path("count").asText(), yesNo(t.path("flagged")),
                        yesNo(t.path("blocked")), t.path("blockedUntil").isNull() ? "-" : t.path("blockedUntil").asText())
                        .stripTrailing()).append('\n');
            }
        }
        b.append("blocked now: ").append(yesNo(s.path("blocked"))).append('\n');
        return b.toString();
    }

    private static String yesNo(JsonNode flag) {
        return flag.asBoolean() ? "yes" : "no";
    }
}
