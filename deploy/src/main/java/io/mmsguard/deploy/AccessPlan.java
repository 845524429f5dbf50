package io.mmsguard.deploy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.notifier.app.NotifierConfig;
import io.mmsguard.schemas.Topics;

/**
 * Who may do what on Kafka: one principal per role, each with the least its service needs, for the default topic
 * names, application ids and groups (those of {@link TopicPlan} and the services' ConfigKeys). The one source of the
 * ACLs: rendered to Strimzi KafkaUser resources ({@link KafkaUserManifest}, k8s/base/kafka-users.yaml) and applied to
 * a broker through the Admin API ({@link KafkaAcls}: compose's topic step, the tests' brokers). Anything not granted
 * here is denied: a gateway cannot write a decision or a profile, only the inspection principal writes decisions.
 *
 * <p>Pure data, no Kafka types. Renaming a topic or an application id in a service's configuration needs the same
 * rename here.
 */
public final class AccessPlan {
    /** Kafka's resource types, as far as mmsguard grants them. */
    public enum ResourceType { TOPIC, GROUP, TRANSACTIONAL_ID }

    /** Literal: the name exactly; prefixed: every name that starts with it. */
    public enum Pattern { LITERAL, PREFIXED }

    /** Kafka's ACL operations, as far as mmsguard grants them. */
    public enum Operation { READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS, ALL }

    /** Operations on one resource (or every resource with a prefix). */
    public record Grant(ResourceType type, String name, Pattern pattern, Set<Operation> operations) {
        public Grant {
            // In declaration order, so that renderings are stable.
            operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
        }
    }

    /**
     * A principal ({@code User:<name>}): the SCRAM user, the Strimzi KafkaUser and the name of its Secret.
     *
     * @param role   one line for the docs: who runs as this principal
     */
    public record Principal(String name, String role, List<Grant> grants) {
        public Principal {
            grants = List.copyOf(grants);
        }

        public String kafkaPrincipal() {
            return "User:" + name;
        }
    }

    public static final String INSPECTION = "mmsguard-inspection";
    public static final String GATEWAY = "mmsguard-gateway";
    public static final String NOTIFIER = "mmsguard-notifier";
    public static final String OPERATOR = "mmsguard-operator";
    public static final String ANALYST = "mmsguard-analyst";
    public static final String REGISTRY = "mmsguard-registry";
    /**
     * The topics of Apicurio's kafkasql storage (its defaults; it creates them at start): the schemas themselves, their
     * snapshots and the registry's change events.
     */
    public static final List<String> REGISTRY_TOPICS = List.of("kafkasql-journal", "kafkasql-snapshots",
            "registry-events");
    /**
     * What only the operator writes: the configuration topics and the control topics (state resets). The control
     * topics of later releases join this list.
     */
    public static final List<String> OPERATOR_TOPICS = List.of(Topics.PROFILES, Topics.ENDPOINT_LISTS,
            Topics.CONFIG_AUDIT, Topics.STATE_RESETS);
    /**
     * The one transactional id of {@code config apply} and {@code config rollback}: a second apply's
     * initTransactions fences the first, so two operators cannot both write on the same base versions.
     */
    public static final String CONFIG_TRANSACTIONAL_ID = "mmsguard-config";
    /** What the analysts read (shadow report joins mms.shadow-log with mms.inspection-log). */
    public static final List<String> ANALYST_TOPICS = List.of(Topics.ARCHIVE, Topics.INSPECTION_LOG,
            Topics.CONFIG_AUDIT, Topics.SHADOW_LOG);
    /** Consumer groups an analyst's tools may use (the CLI itself reads without a group). */
    public static final String ANALYST_GROUPS = "mmsguard-analyst";

    private static final Set<Operation> CONSUME = EnumSet.of(Operation.READ, Operation.DESCRIBE);
    private static final Set<Operation> PRODUCE = EnumSet.of(Operation.WRITE, Operation.DESCRIBE);

    private AccessPlan() {
    }

    public static List<Principal> principals() {
        String inspectionId = InspectionConfig.KEYS.defaults().get("inspection.application-id");
        String notifierId = NotifierConfig.KEYS.defaults().get("notifier.application-id");
        String deliveryGroup = NotifierConfig.KEYS.defaults().get("notifier.delivery.group-id");
        if (!deliveryGroup.startsWith(notifierId)) {
            throw new IllegalStateException("the delivery group " + deliveryGroup + " is not under " + notifierId);
        }
        return List.of(
                new Principal(INSPECTION, "the inspection service (Kafka Streams, exactly-once)", List.of(
                        topic(Topics.INBOUND, CONSUME),
                        // GlobalKTables: read by partition assignment, without a group.
                        topic(Topics.PROFILES, CONSUME),
                        topic(Topics.ENDPOINT_LISTS, CONSUME),
                        // Operators' resets, applied by the stages (in the Streams group).
                        topic(Topics.STATE_RESETS, CONSUME),
                        topic(Topics.DECISIONS, PRODUCE),
                        topic(Topics.ARCHIVE, PRODUCE),
                        topic(Topics.ALERTS, PRODUCE),
                        topic(Topics.INSPECTION_LOG, PRODUCE),
                        // The shadow application's would-be decisions.
                        topic(Topics.SHADOW_LOG, PRODUCE),
                        // Which profile and list versions this instance holds in force (config apply waits on it).
                        topic(Topics.CONFIG_STATUS, PRODUCE),
                        // Streams' changelog and repartition topics: created, read, written and purged by it.
                        prefixed(ResourceType.TOPIC, inspectionId + "-", EnumSet.of(Operation.ALL)),
                        prefixed(ResourceType.GROUP, inspectionId, EnumSet.of(Operation.READ, Operation.DESCRIBE)),
                        prefixed(ResourceType.TRANSACTIONAL_ID, inspectionId, PRODUCE))),
                new Principal(GATEWAY, "every ingress gateway", List.of(
                        // DescribeConfigs: the gateway checks the topic's timestamp type before it reports ready.
                        topic(Topics.INBOUND, EnumSet.of(Operation.WRITE, Operation.DESCRIBE,
                                Operation.DESCRIBE_CONFIGS)),
                        // Both read by partition assignment, without a group.
                        topic(Topics.DECISIONS, CONSUME),
                        topic(Topics.PROFILES, CONSUME))),
                new Principal(NOTIFIER, "the notifier (aggregation in Kafka Streams, delivery by a consumer)", List.of(
                        topic(Topics.ALERTS, CONSUME),
                        topic(Topics.PROFILES, CONSUME),
                        topic(Topics.NOTICES, EnumSet.of(Operation.READ, Operation.WRITE, Operation.DESCRIBE)),
                        topic(Topics.NOTICES_DEAD, PRODUCE),
                        prefixed(ResourceType.TOPIC, notifierId + "-", EnumSet.of(Operation.ALL)),
                        // The Streams group and the delivery group (notifier.delivery.group-id) share the prefix.
                        prefixed(ResourceType.GROUP, notifierId, EnumSet.of(Operation.READ, Operation.DESCRIBE)),
                        prefixed(ResourceType.TRANSACTIONAL_ID, notifierId, PRODUCE))),
                new Principal(OPERATOR, "the operators' CLI: config apply, get, diff, history and rollback;"
                        + " reset;"
                        + " undeliverable notices",
                        Stream.concat(OPERATOR_TOPICS.stream()
                                        .map(t -> topic(t, EnumSet.of(Operation.READ, Operation.WRITE, Operation.DESCRIBE))),
                                Stream.of(
                                        // config apply waits until the inspection service reports the new version.
                                        topic(Topics.CONFIG_STATUS, CONSUME),
                                        new Grant(ResourceType.TRANSACTIONAL_ID, CONFIG_TRANSACTIONAL_ID,
                                                Pattern.LITERAL, PRODUCE),
                                        // Operators inspect and replay what the notifier could not deliver.
                                        topic(Topics.NOTICES_DEAD, CONSUME))).toList()),
                new Principal(ANALYST, "analysts: archive query, explain --session, shadow report and their own"
                        + " tools, read only", Stream.concat(ANALYST_TOPICS.stream().map(t -> topic(t, CONSUME)),
                        Stream.of(prefixed(ResourceType.GROUP, ANALYST_GROUPS, EnumSet.of(Operation.READ,
                                Operation.DESCRIBE)))).toList()),
                new Principal(REGISTRY, "the Apicurio registry's kafkasql storage", Stream.concat(
                        REGISTRY_TOPICS.stream().map(t -> topic(t, EnumSet.of(Operation.ALL))),
                        // Apicurio names its consumer groups with random UUIDs: no prefix to grant. A group
                        // grant alone reads nothing; the topic grants above say what it reads.
                        Stream.of(new Grant(ResourceType.GROUP, "*", Pattern.LITERAL,
                                EnumSet.of(Operation.READ, Operation.DESCRIBE)))).toList()));
    }

    public static Principal principal(String name) {
        return principals().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no principal " + name));
    }

    private static Grant topic(String name, Set<Operation> operations) {
        return new Grant(ResourceType.TOPIC, name, Pattern.LITERAL, operations);
    }

    private static Grant prefixed(ResourceType type, String prefix, Set<Operation> operations) {
        return new Grant(type, prefix, Pattern.PREFIXED, operations);
    }
}
