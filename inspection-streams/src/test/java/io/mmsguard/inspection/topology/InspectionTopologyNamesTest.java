package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Topics;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The names that outlive a release: state stores (their changelog topics are {@code <application.id>-<store>-changelog})
 * and the repartition topics. A running deployment finds its flood and duplicate counts only under these names, so a
 * rename must fail here, not after an upgrade that silently restarts every count from zero.
 */
class InspectionTopologyNamesTest {
    /** Building the topology creates serdes but never calls the registry. */
    private static final Map<String, String> SERDE = Map.of("schema.registry.url", "http://127.0.0.1:9");

    private static final TopologyDescription DESCRIPTION = InspectionTopology.build(
            new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()), content -> Optional.empty()),
            ContractTopics.create(SERDE), TopologySettings.defaults(),
            new InspectionMetrics(new SimpleMeterRegistry())).describe();

    @Test
    void eachStageOwnsItsThresholdStoreUnderItsReleasedName() {
        Map<String, Set<String>> stores = new TreeMap<>();
        for (TopologyDescription.Subtopology sub : DESCRIPTION.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p && !p.stores().isEmpty()) {
                    stores.put(p.name(), p.stores());
                }
            }
        }
        assertThat(stores).containsExactly(entry("checksum-stage", Set.of("duplicate-state")),
                entry("duplicate-reset", Set.of("duplicate-state")), entry("flood-reset", Set.of("flood-state")),
                entry("sender-stage", Set.of("flood-state")),
                entry("similar-band", Set.of("similar-state", "similar-witness")),
                entry("similar-combine", Set.of("similar-pending")));
    }

    @Test
    void globalStatusStoresKeepTheirNames() {
        Map<String, Set<String>> global = DESCRIPTION.globalStores().stream().collect(Collectors.toMap(
                g -> String.join(",", g.source().topicSet()), g -> g.processor().stores()));
        assertThat(global).containsOnly(entry(Topics.PROFILES, Set.of("profile-status")),
                entry(Topics.ENDPOINT_LISTS, Set.of("endpoint-list-status")));
    }

    @Test
    void theRepartitionTopicKeepsItsNameAndTheContractTopicsAreTheOnlyOthers() {
        Set<String> read = DESCRIPTION.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
        Set<String> written = DESCRIPTION.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance)
                .map(n -> ((TopologyDescription.Sink) n).topic()).filter(t -> t != null)
                .collect(Collectors.toSet());
        assertThat(read).containsExactlyInAnyOrder(Topics.INBOUND, "by-checksum-repartition", Topics.STATE_RESETS,
                "resets-by-checksum-repartition", "similar-by-band-repartition", "similar-by-session-repartition");
        assertThat(written).containsExactlyInAnyOrder(Topics.DECISIONS, Topics.INSPECTION_LOG, Topics.ARCHIVE,
                Topics.ALERTS, "by-checksum-repartition", "resets-by-checksum-repartition",
                "similar-by-band-repartition", "similar-by-session-repartition");
        // The resets join the stages' sub-topologies (their tasks own the stores); the similar-content check adds
        // its two hops after them, so the stages keep their sub-topology (task) ids across the upgrade.
        assertThat(DESCRIPTION.subtopologies()).hasSize(4);
        Map<Integer, Set<String>> processors = DESCRIPTION.subtopologies().stream().collect(Collectors.toMap(
                TopologyDescription.Subtopology::id, s -> s.nodes().stream().map(TopologyDescription.Node::name)
                        .collect(Collectors.toSet())));
        // Ids 0 and 1 are the global stores'.
        assertThat(processors).containsOnlyKeys(2, 3, 4, 5);
        assertThat(processors.get(2)).contains("sender-stage", "flood-reset");
        assertThat(processors.get(3)).contains("checksum-stage", "duplicate-reset");
        assertThat(processors.get(4)).contains("similar-band");
        assertThat(processors.get(5)).contains("similar-combine", "similar-decide");
    }

    @Test
    void theShadowReadsOnlyTheEnvelopesAndWritesOnlyTheShadowLog() {
        TopologyDescription shadow = InspectionTopology.buildShadow(
                new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()), content -> Optional.empty()),
                ContractTopics.create(SERDE), TopologySettings.defaults(),
                new InspectionMetrics(new SimpleMeterRegistry()), new ShadowMetrics(new SimpleMeterRegistry()),
                ShadowHook.NONE).describe();
        Set<String> read = shadow.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
        Set<String> written = shadow.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance)
                .map(n -> ((TopologyDescription.Sink) n).topic()).collect(Collectors.toSet());
        assertThat(read).containsExactlyInAnyOrder(Topics.INBOUND, "by-checksum-repartition",
                "similar-by-band-repartition", "similar-by-session-repartition");
        assertThat(written).containsExactlyInAnyOrder(Topics.SHADOW_LOG, "by-checksum-repartition",
                "similar-by-band-repartition", "similar-by-session-repartition");
        assertThat(shadow.globalStores()).as("the live global thread keeps the shared RuleBook current").isEmpty();
    }
}
