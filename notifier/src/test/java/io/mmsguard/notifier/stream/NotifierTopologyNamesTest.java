package io.mmsguard.notifier.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The names that outlive a release: the aggregation's stores name its changelog topics
 * ({@code <application.id>-<store>-changelog}), where a running notifier keeps its notice windows and tracked
 * viruses. A rename must fail here, not after an upgrade that forgets every pending periodic notice.
 */
class NotifierTopologyNamesTest {
    private static final TopologyDescription DESCRIPTION = NotifierTopology.build(
            ProfileCatalog.pinningEveryName(ProfileValidator.standard()),
            // Building the topology creates serdes but never calls the registry.
            ContractTopics.create(Map.of("schema.registry.url", "http://127.0.0.1:9")), NotifierSettings.defaults(),
            Clock.systemUTC()).describe();

    /** The one stream sub-topology: alerts-source -> aggregate -> notices-sink. */
    private static TopologyDescription.Node node(String name) {
        assertThat(DESCRIPTION.subtopologies()).hasSize(1);
        return DESCRIPTION.subtopologies().iterator().next().nodes().stream()
                .filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theAggregatorOwnsItsStoresUnderTheirReleasedNames() {
        assertThat(((TopologyDescription.Processor) node("aggregate")).stores())
                .containsExactlyInAnyOrder("notice-windows", "sender-viruses");
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
        assertThat(((TopologyDescription.Source) node("alerts-source")).topicSet()).containsExactly(Topics.ALERTS);
        assertThat(((TopologyDescription.Sink) node("notices-sink")).topic()).isEqualTo(Topics.NOTICES);
    }
}
