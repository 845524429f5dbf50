package io.mmsguard.testkit.grafana;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL of a Grafana dashboard (JSON model, schema 39) as Grafana sends it to Prometheus: every target of
 * every panel, rows' collapsed panels included, with the dashboard's template variables replaced by their current
 * values and the built-in interval variables by a {@link GrafanaTime}'s. Variables are formatted as Grafana's
 * Prometheus data source formats them: a single-valued variable escaped for a string, a multi-valued or "include
 * All" one escaped for a regular expression ({@code (a|b)} for several values); "All" is the variable's
 * {@code allValue} as written, or else every option.
 */
public final class GrafanaDashboard {
    /** {@code $name}, {@code ${name}}, {@code [[name]]}; a {@code :format} is refused (not used by this project). */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.[^:^}]+)?(?::([^}]+))?}");
    private static final String ALL = "$__all";

    /** One query of a panel. */
    public record Target(String panel, String refId, String expr) {
    }

    private final JsonNode dashboard;

    private GrafanaDashboard(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    public static GrafanaDashboard read(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    public static GrafanaDashboard parse(String json) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(json));
    }

    /** Every target with an expression, as written. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        collect(dashboard.path("panels"), targets);
        return targets;
    }

    private static void collect(JsonNode panels, List<Target> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(new Target(panel.path("title").asText(), target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
            collect(panel.path("panels"), into);
        }
    }

    /** Every target with its variables replaced, as Grafana would query it over {@code time}. */
    public List<Target> interpolated(GrafanaTime time) {
        Map<String, String> values = templateValues();
        Map<String, String> builtIns = time.variables();
        List<Target> out = new ArrayList<>();
        for (Target t : targets()) {
            String expr = template(t.expr(), values);
            for (Map.Entry<String, String> b : builtIns.entrySet()) {
                expr = expr.replace(b.getKey(), b.getValue());
            }
            out.add(new Target(t.panel(), t.refId(), expr));
        }
        return out;
    }

    /** The dashboard's variables, each formatted as its current value would be in a Prometheus query. */
    Map<String, String> templateValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            values.put(v.path("name").asText(), format(v));
        }
        return values;
    }

    private static String format(JsonNode variable) {
        boolean regex = variable.path("multi").asBoolean() || variable.path("includeAll").asBoolean();
        List<String> current = texts(variable.path("current").path("value"));
        if (current.contains(ALL)) {
            String allValue = variable.path("allValue").asText("");
            if (!allValue.isEmpty()) {
                return allValue;
            }
            current = options(variable);
        }
        if (!regex) {
            if (current.size() != 1) {
                throw new IllegalArgumentException("variable " + variable.path("name") + " has no single value");
            }
            return current.get(0).replace("\\", "\\\\").replace("'", "\\\\'");
        }
        List<String> escaped = current.stream()
                .map(s -> s.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]+?.()|]", "\\\\\\\\$0")).toList();
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    /** A variable's option values ("All" aside): its options, or a custom variable's comma-separated query. */
    private static List<String> options(JsonNode variable) {
        List<String> options = new ArrayList<>();
        for (JsonNode o : variable.path("options")) {
            String value = o.path("value").asText();
            if (!value.equals(ALL)) {
                options.add(value);
            }
        }
        if (options.isEmpty() && "custom".equals(variable.path("type").asText())) {
            for (String s : variable.path("query").asText().split(",")) {
                if (!s.isBlank()) {
                    options.add(s.trim());
                }
            }
        }
        return options;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }

    private static String template(String expr, Map<String, String> values) {
        Matcher m = REFERENCE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            String format = m.group(3) != null ? m.group(3) : m.group(5);
            if (!values.containsKey(name)) {
                // Not a dashboard variable: a built-in (replaced afterwards) or text Grafana leaves alone.
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (format != null) {
                throw new IllegalArgumentException("variable format :" + format + " is not supported: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
