package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.service.YamlNodes;
import io.mmsguard.service.YamlProblem;
import org.apache.avro.specific.SpecificRecord;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The profile YAML file of {@code mmsguard config}: a mapping with {@code profiles:} and {@code endpointLists:}, each
 * a list of records in the {@link AvroYaml} form. Parsing keeps, per record, the converter that read it, so that the
 * validators' problems found later can be reported on the record's lines. {@link #write} produces the same format.
 */
public final class ConfigDocument {
    static final String PROFILES = "profiles";
    static final String ENDPOINT_LISTS = "endpointLists";

    /** One record of the file with where it came from; {@code value} is usable only when the file has no problems. */
    public record Entry<T extends SpecificRecord>(String section, int index, T value, AvroYaml reader) {
        /** The path of a field of this record in the file, e.g. {@code profiles[0].mm1.flood}. */
        public String path(String field) {
            return section + "[" + index + "]" + (field.isEmpty() ? "" : "." + field);
        }

        public int lineOf(String field) {
            return reader.lineOf(field);
        }
    }

    private final List<Entry<MmsProfile>> profiles;
    private final List<Entry<EndpointList>> endpointLists;
    private final List<YamlProblem> problems;

    private ConfigDocument(List<Entry<MmsProfile>> profiles, List<Entry<EndpointList>> endpointLists,
                           List<YamlProblem> problems) {
        this.profiles = profiles;
        this.endpointLists = endpointLists;
        this.problems = problems;
    }

    /** Reads the text; conversion problems carry paths from the file's root ({@code profiles[1].mm1.flood[0]}). */
    public static ConfigDocument parse(String text) {
        List<YamlProblem> problems = new ArrayList<>();
        // Keys given twice are reported by AvroYaml with their line.
        Node root = YamlNodes.compose(text, ConfigFile.MAX_BYTES_INT, problems);
        if (root == null) {
            return new ConfigDocument(List.of(), List.of(), problems);
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new YamlProblem(YamlNodes.line(root), "",
                    "the file must be a mapping with " + PROFILES + ": and " + ENDPOINT_LISTS + ":"));
            return new ConfigDocument(List.of(), List.of(), problems);
        }
        List<Entry<MmsProfile>> profiles = new ArrayList<>();
        List<Entry<EndpointList>> lists = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            int line = YamlNodes.line(tuple.getKeyNode());
            switch (key) {
                case PROFILES -> profiles.addAll(section(PROFILES, tuple.getValueNode(), MmsProfile.class, problems));
                case ENDPOINT_LISTS -> lists.addAll(section(ENDPOINT_LISTS, tuple.getValueNode(), EndpointList.class, problems));
                default -> problems.add(new YamlProblem(line, key,
                        "unknown section (known: " + PROFILES + ", " + ENDPOINT_LISTS + ")"));
            }
        }
        duplicates(profiles, "profile", problems);
        duplicates(lists, "endpoint list", problems);
        problems.sort(Comparator.comparingInt(YamlProblem::line));
        return new ConfigDocument(profiles, lists, problems);
    }

    private static <T extends SpecificRecord> List<Entry<T>> section(String section, Node node, Class<T> type,
                                                                     List<YamlProblem> problems) {
        List<Entry<T>> out = new ArrayList<>();
        if (!(node instanceof SequenceNode sequence)) {
            if (!(node instanceof ScalarNode s && s.getValue().isEmpty())) {
                problems.add(new YamlProblem(YamlNodes.line(node), section, "expected a list"));
            }
            return out;
        }
        for (Node item : sequence.getValue()) {
            AvroYaml reader = new AvroYaml();
            T value = reader.read(item, type);
            Entry<T> entry = new Entry<>(section, out.size(), value, reader);
            for (YamlProblem p : reader.problems()) {
                problems.add(new YamlProblem(p.line(), entry.path(p.path()), p.reason()));
            }
            out.add(entry);
        }
        return out;
    }

    private static <T extends SpecificRecord> void duplicates(List<Entry<T>> entries, String what,
                                                              List<YamlProblem> problems) {
        Map<String, Integer> firstLine = new HashMap<>();
        for (Entry<T> e : entries) {
            if (e.value() == null || e.value().get(0) == null) {
                continue;
            }
            String name = e.value().get(0).toString();
            Integer first = firstLine.putIfAbsent(name, e.lineOf("name"));
            if (first != null) {
                problems.add(new YamlProblem(e.lineOf("name"), e.path("name"),
                        what + " \"" + name + "\" is defined twice (first at line " + first + ")"));
            }
        }
    }

    public List<Entry<MmsProfile>> profiles() {
        return profiles;
    }

    public List<Entry<EndpointList>> endpointLists() {
        return endpointLists;
    }

    /** Problems of the YAML itself: syntax, unknown fields, wrong types, missing required fields, duplicate names. */
    public List<YamlProblem> problems() {
        return problems;
    }

    /**
     * The file format for these records, defaults and the audit stamp left out ({@code config history} shows the
     * stamps); {@link #parse} reads it back to records of equal content.
     */
    public static String write(List<MmsProfile> profiles, List<EndpointList> lists) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(PROFILES, profiles.stream().map(p -> ConfigRecords.contentTree(p, true)).toList());
        root.put(ENDPOINT_LISTS, lists.stream().map(l -> ConfigRecords.contentTree(l, true)).toList());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        // Equal empty lists are one shared object; an operator's file should not contain &id001 anchors.
        options.setDereferenceAliases(true);
        return new Yaml(options).dump(root);
    }
}
