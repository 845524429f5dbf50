package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code /state/...} answer as an operator reads it: what was asked, then per profile and interface one row per
 * threshold and whether the next message would be blocked ("blocked now"); a {@code /state/top} answer one row per key.
 */
final class StateTable {
    private static final String ROW = "%-9s %-8s %-7s %-7s %-7s %-7s %-24s %s";

    private StateTable() {
    }

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        String kind = s.path("kind").asText();
        if (!s.has("views")) {
            b.append(String.format("%s state of %s on %s, profile %s (owner %s, partition %s, at %s)%n", kind,
                    s.path("key").asText(), s.path("interface").asText(), s.path("profile").asText(),
                    s.path("owner").asText(), s.path("partition").asText(), s.path("at").asText()));
            view(b, kind, s);
            return b.toString();
        }
        b.append(String.format("%s state of %s (owner %s, partition %s, at %s)%n", kind, s.path("key").asText(),
                s.path("owner").asText(), s.path("partition").asText(), s.path("at").asText()));
        List<String> inForce = new ArrayList<>();
        s.path("profiles").forEach(p -> inForce.add(p.asText()));
        b.append(String.format("profiles in force: %s%n", String.join(", ", inForce)));
        if (s.path("views").isEmpty()) {
            b.append(String.format("no profile in force has enabled %s thresholds on %s%nblocked now: no%n", kind,
                    s.has("interface") ? s.path("interface").asText() : "any interface"));
            return b.toString();
        }
        b.append(String.format("counts are kept per interface: every profile below judges the same count, and the"
                + " profile a listener names on a message decides%n"));
        for (JsonNode v : s.path("views")) {
            b.append(String.format("%n%s, profile %s%s%n", v.path("interface").asText(), v.path("profile").asText(),
                    v.path("state").asBoolean() ? "" : " (nothing counted for this key)"));
            view(b, kind, v);
        }
        return b.toString();
    }

    private static void view(StringBuilder b, String kind, JsonNode v) {
        JsonNode thresholds = v.path("thresholds");
        if (thresholds.isEmpty()) {
            b.append(String.format("no enabled %s thresholds on %s in this profile%n", kind,
                    v.path("interface").asText()));
        } else {
            b.append(String.format(ROW, "THRESHOLD", "WINDOW", "LIMIT", "COUNT", "FLAGGED", "BLOCKED", "BLOCKED UNTIL",
                    "NEXT MESSAGE").stripTrailing()).append('\n');
            for (JsonNode t : thresholds) {
                b.append(String.format(ROW, t.path("threshold").asText(), t.path("windowMinutes").asText() + " min",
                        t.path("limit").asText(), t.path("count").asText(), yesNo(t.path("flagged")),
                        yesNo(t.path("blocked")), t.path("blockedUntil").isNull() ? "-" : t.path("blockedUntil").asText(),
                        t.path("next").asText("-")).stripTrailing()).append('\n');
            }
        }
        b.append("blocked now: ").append(yesNo(v.path("blocked"))).append('\n');
    }

    /**
     * One row per key, best first: its highest count, whether it is blocked and until when, the instance that holds
     * it, then every threshold as {@code #N count/limit per window} with {@code !} when flagged; lines naming the
     * instances that did not answer.
     */
    static String renderTop(JsonNode top) {
        StringBuilder b = new StringBuilder();
        JsonNode entries = top.path("entries");
        b.append(String.format("top %s on %s, profile %s, at %s: %d key(s) (limit %s)%n", top.path("kind").asText(),
                top.path("interface").asText(), top.path("profile").asText(), top.path("at").asText(),
                entries.size(), top.path("limit").asText()));
        for (JsonNode i : top.path("instances")) {
            if (i.hasNonNull("error")) {
                b.append(String.format("partial: instance %s not included: %s%n", i.path("instance").asText(),
                        i.path("error").asText()));
            }
        }
        if (entries.isEmpty()) {
            b.append(String.format("no %s state on %s%n", top.path("kind").asText(), top.path("interface").asText()));
            return b.toString();
        }
        int keyWidth = "KEY".length();
        for (JsonNode e : entries) {
            keyWidth = Math.max(keyWidth, e.path("key").asText().length());
        }
        String row = "%-4s %-" + keyWidth + "s %-6s %-7s %-24s %-21s %s";
        b.append(String.format(row, "RANK", "KEY", "COUNT", "BLOCKED", "BLOCKED UNTIL", "OWNER", "THRESHOLDS"))
                .append('\n');
        for (JsonNode e : entries) {
            StringBuilder thresholds = new StringBuilder();
            for (JsonNode t : e.path("thresholds")) {
                thresholds.append(thresholds.isEmpty() ? "" : " ").append(String.format("#%s %s/%s per %s min%s",
                        t.path("threshold").asText(), t.path("count").asText(), t.path("limit").asText(),
                        t.path("windowMinutes").asText(), t.path("flagged").asBoolean() ? "!" : ""));
            }
            b.append(String.format(row, e.path("rank").asText(), e.path("key").asText(), e.path("count").asText(),
                    yesNo(e.path("blocked")), e.path("blockedUntil").isNull() ? "-" : e.path("blockedUntil").asText(),
                    e.path("owner").asText(), thresholds.isEmpty() ? "-" : thresholds).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String yesNo(JsonNode flag) {
        return flag.asBoolean() ? "yes" : "no";
    }
}
