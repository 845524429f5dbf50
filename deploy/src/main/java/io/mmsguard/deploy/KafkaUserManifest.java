package io.mmsguard.deploy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.mmsguard.deploy.AccessPlan.Grant;
import io.mmsguard.deploy.AccessPlan.Operation;
import io.mmsguard.deploy.AccessPlan.Principal;

/**
 * {@link AccessPlan} as Strimzi KafkaUser resources (SCRAM-SHA-512, simple authorization): the text of
 * k8s/base/kafka-users.yaml, which a deploy test holds equal to this rendering ({@code mmsguard acl strimzi} prints
 * it). The User Operator creates each user's Secret (same name: keys {@code password} and {@code sasl.jaas.config}).
 */
public final class KafkaUserManifest {
    /** The API of the pinned Strimzi release (k8s/strimzi-release.properties). */
    public static final String API_VERSION = "kafka.strimzi.io/v1";
    public static final String CLUSTER = "mmsguard";

    private KafkaUserManifest() {
    }

    public static String render(List<Principal> principals) {
        StringBuilder out = new StringBuilder();
        out.append("# Generated from deploy/src/main/java/io/mmsguard/deploy/AccessPlan.java: do not edit; regenerate with\n")
                .append("#   ./mmsguard acl strimzi > k8s/base/kafka-users.yaml\n")
                .append("# (KafkaUserManifestsTest holds this file equal to the rendering). One SCRAM-SHA-512 user per role; the\n")
                .append("# User Operator writes each password to a Secret of the user's name (keys password, sasl.jaas.config).\n");
        String separator = "";
        for (Principal p : principals) {
            out.append(separator);
            separator = "---\n";
            out.append("# ").append(p.role()).append('\n')
                    .append("apiVersion: ").append(API_VERSION).append('\n')
                    .append("kind: KafkaUser\n")
                    .append("metadata:\n")
                    .append("  name: ").append(p.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  authentication:\n")
                    .append("    type: scram-sha-512\n")
                    .append("  authorization:\n")
                    .append("    type: simple\n")
                    .append("    acls:\n");
            for (Grant g : p.grants()) {
                out.append("      - resource: {type: ").append(resourceType(g)).append(", name: \"").append(g.name())
                        .append("\", patternType: ").append(g.pattern() == AccessPlan.Pattern.LITERAL ? "literal" : "prefix")
                        .append("}\n")
                        .append("        operations: [")
                        .append(g.operations().stream().map(KafkaUserManifest::operation).collect(Collectors.joining(", ")))
                        .append("]\n");
            }
        }
        return out.toString();
    }

    private static String resourceType(Grant g) {
        return switch (g.type()) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
        };
    }

    /** Strimzi's spelling: Read, Write, Describe, DescribeConfigs, All. */
    static String operation(Operation o) {
        StringBuilder name = new StringBuilder();
        for (String word : o.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
