package io.mmsguard.notifier.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The names that outlive a release: the aggregation's stores name its changelog topics
 * ({@code <application.id>-<store>-changelog}), where a running notifier keeps its notice windows and tracked
 * viruses. A rename must fail here, not after an upgrade that forgets every pending periodic notice.
 */
class NotifierTopologyNamesTest {
    private static final TopologyDescription DESCRIPTION = NotifierTopology.build(new ProfileBook(),
            // Building the topology creates serdes but never calls the registry.
            ContractTopics.create(Map.of("schema.registry.url", "http://127.0.0.1:9")), NotifierSettings.defaults(),
            Clock.systemUTC()).describe();

    @Test
    void theAggregatorOwnsItsStoresUnderTheirReleasedNames() {
        Map<String, Set<String>> stores = new TreeMap<>();
        for (TopologyDescription.Subtopology sub : DESCRIPTION.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p && !p.stores().isEmpty()) {
                    stores.put(p.name(), p.stores());
                }
            }
        }
        assertThat(stores).containsExactly(entry("aggregate", Set.of("notice-windows", "sender-viruses")));
        assertThat(DESCRIPTION.subtopologies()).hasSize(1);
    }

    @Test
    void theProfilesGlobalStoreReadsTheProfilesTopic() {
        assertThat(DESCRIPTION.globalStores()).singleElement().satisfies(g -> {
            assertThat(g.source().topicSet()).containsExactly(Topics.PROFILES);
            assertThat(g.processor().stores()).containsExactly("notifier-profiles");
        });
    }

    @Test
    void alertsInNoticesOut() {
        Set<String> read = DESCRIPTION.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
        Set<String> written = DESCRIPTION.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance)
                .map(n -> ((TopologyDescription.Sink) n).topic()).collect(Collectors.toSet());
        assertThat(read).containsExactly(Topics.ALERTS);
        assertThat(written).containsExactly(Topics.NOTICES);
    }
}
