package io.mmsguard.deploy;

import java.util.stream.Collectors;

import io.mmsguard.deploy.AccessPlan.Grant;
import io.mmsguard.deploy.AccessPlan.Principal;

/**
 * {@link AccessPlan} as the Markdown table of docs/security.md ("Kafka and the registry"), which a deploy test holds
 * equal to this rendering: one row per principal, its grants as {@code operations on resource}.
 */
public final class AccessPlanTable {
    private AccessPlanTable() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder("| principal | who | may |\n|---|---|---|\n");
        for (Principal p : AccessPlan.principals()) {
            out.append("| `").append(p.kafkaPrincipal()).append("` | ").append(p.role()).append(" | ")
                    .append(p.grants().stream().map(AccessPlanTable::grant).collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String grant(Grant g) {
        String ops = g.operations().stream().map(KafkaUserManifest::operation).collect(Collectors.joining(", "));
        String type = switch (g.type()) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactional id";
        };
        return ops + " on " + type + " `" + g.name() + (g.pattern() == AccessPlan.Pattern.PREFIXED ? "*" : "") + "`";
    }
}
