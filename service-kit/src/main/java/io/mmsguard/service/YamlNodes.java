package io.mmsguard.service;

import java.io.StringReader;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads YAML text into SnakeYAML's node tree, which keeps the line of every key and value (a tree of maps would lose
 * them), with the limits every configuration file gets: bounded size and nesting, few aliases (a YAML bomb's tool).
 */
public final class YamlNodes {
    private static final int MAX_NESTING = 40;
    private static final int MAX_ALIASES = 20;

    private YamlNodes() {
    }

    /**
     * The root node, or null for an empty document or when the text cannot be read; then the reason is added to
     * {@code problems} (at the line of a syntax error, else line 1).
     */
    public static Node compose(String text, int maxBytes, List<YamlProblem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxBytes);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new YamlProblem(line, "", "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            // Limits (size, nesting, aliases) have no position worth reporting.
            problems.add(new YamlProblem(1, "", "not accepted: " + e.getMessage()));
        }
        return null;
    }

    /** The 1-based line a node starts on. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
