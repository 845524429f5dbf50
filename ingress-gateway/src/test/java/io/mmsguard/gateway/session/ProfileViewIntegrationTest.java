package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.topology.InspectionMetrics;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.TopologySettings;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroDeserializer;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's profile view on a real broker: it applies what the topology applies (the same library, fed the same
 * records), keeps the listeners' profiles against tombstones, resumes after an error in its loop, and stops
 * reporting itself as following when the broker is gone.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ProfileViewIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static KafkaTestCluster kafka;
    private static ApicurioRegistry registry;

    @BeforeAll
    static void setUp(KafkaTestCluster sharedKafka, ApicurioRegistry sharedRegistry) {
        kafka = sharedKafka;
        registry = sharedRegistry;
    }

    private static String topic() throws Exception {
        String topic = "pv-" + UUID.randomUUID();
        kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static MmsProfile profile(String name, boolean failOpen, int floodLimit) {
        Threshold flood = Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(floodLimit)
                .setBlockTimeMinutes(0).setActions(List.of(ThresholdAction.LOG)).build();
        return MmsProfile.newBuilder().setName(name)
                .setMm1(InterfaceSettings.newBuilder().setFailOpen(failOpen).setFlood(List.of(flood)).build()).build();
    }

    private static Supplier<Consumer<String, MmsProfile>> consumers(KafkaTestCluster cluster) {
        return () -> new KafkaConsumer<>(consumerProperties(cluster), new StringDeserializer(), deserializer());
    }

    private static Map<String, Object> consumerProperties(KafkaTestCluster cluster) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    private static ConfluentAvroDeserializer<MmsProfile> deserializer() {
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        return new ConfluentAvroDeserializer<>(SchemaRegistryClient.create(serde), serde, false, MmsProfile.class);
    }

    private static ProfileView view(String topic, Set<String> pinned, SimpleMeterRegistry meters,
                                    Supplier<Consumer<String, MmsProfile>> consumers, Duration staleAfter)
            throws InterruptedException {
        ProfileView view = ProfileView.follow(consumers, topic, pinned, Clock.systemUTC(), staleAfter, meters);
        view.start();
        assertThat(view.awaitCaughtUp(HANG_GUARD)).isTrue();
        return view;
    }

    /** Publishes a marker profile and waits until the view has read it: everything before it was read too. */
    private static void awaitRead(ProfilePublisher publisher, ProfileView view) {
        String marker = "marker-" + UUID.randomUUID();
        publisher.publish(profile(marker, false, 1));
        await().atMost(HANG_GUARD).until(() -> view.profile(marker).getName().equals(marker));
    }

    @Test
    void afterAnInvalidUpdateTheGatewayAndTheTopologyApplyTheSameFailOpen() throws Exception {
        String topic = topic();
        try (ProfilePublisher publisher = new ProfilePublisher(kafka.bootstrapServers(), registry.url(), topic);
             ProfileView view = view(topic, Set.of("open"), new SimpleMeterRegistry(), consumers(kafka),
                     ProfileView.STALE_AFTER)) {
            publisher.publish(profile("open", true, 10), profile("default", true, 10));
            publisher.publish(profile("open", false, 0), profile("default", false, 0));
            publisher.publish("fresh", profile("fresh", false, 0));
            awaitRead(publisher, view);

            RuleBook topology = topologyFedFrom(topic);
            for (String name : List.of("open", "default", "fresh")) {
                assertThat(view.settings(name, MmsInterface.MM1).getFailOpen()).as(name)
                        .isEqualTo(topology.profile(name).policy(MmsInterface.MM1).failOpen())
                        .isTrue();
            }
        }
    }

    /** The real inspection topology (TopologyTestDriver) fed the very bytes the gateway read from the topic. */
    private static RuleBook topologyFedFrom(String topic) {
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        RuleBook rules = new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()),
                content -> Optional.empty());
        TopologySettings settings = TopologySettings.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pv-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(InspectionTopology.build(rules,
                ContractTopics.create(serde), settings,
                new InspectionMetrics(new SimpleMeterRegistry())), props);
             KafkaConsumer<byte[], byte[]> raw = new KafkaConsumer<>(consumerProperties(kafka),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TestInputTopic<byte[], byte[]> profiles = driver.createInputTopic(settings.topics().profiles(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TopicPartition tp = new TopicPartition(topic, 0);
            raw.assign(List.of(tp));
            raw.seekToBeginning(List.of(tp));
            long end = raw.endOffsets(List.of(tp)).get(tp);
            while (raw.position(tp) < end) {
                ConsumerRecords<byte[], byte[]> records = raw.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    profiles.pipeInput(r.key(), r.value());
                }
            }
        }
        return rules;
    }

    @Test
    void aTombstoneOfAListenersProfileIsIgnoredAndReportedOthersDelete() throws Exception {
        String topic = topic();
        try (ProfilePublisher publisher = new ProfilePublisher(kafka.bootstrapServers(), registry.url(), topic);
             ProfileView view = view(topic, Set.of("listener"), new SimpleMeterRegistry(), consumers(kafka),
                     ProfileView.STALE_AFTER)) {
            publisher.publish(profile("listener", true, 5), profile("other", true, 5));
            publisher.delete("listener").delete("other");
            awaitRead(publisher, view);

            assertThat(view.settings("listener", MmsInterface.MM1).getFailOpen()).isTrue();
            assertThat(view.profile("other").getName()).isEqualTo("default");
            assertThat(view.tombstonedPinned()).containsExactly("listener");
            assertThat(view.following()).as("degraded, still ready").isTrue();
        }
    }

    @Test
    void anErrorInTheLoopIsCountedAndReadingResumesWhereItWas() throws Exception {
        String topic = topic();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicInteger created = new AtomicInteger();
        Supplier<Consumer<String, MmsProfile>> failing = () -> {
            if (created.incrementAndGet() == 1) {
                throw new IllegalStateException("injected: no consumer the first time");
            }
            return new KafkaConsumer<>(consumerProperties(kafka), new StringDeserializer(), deserializer()) {
                private final AtomicInteger polls = new AtomicInteger();

                @Override
                public ConsumerRecords<String, MmsProfile> poll(Duration timeout) {
                    ConsumerRecords<String, MmsProfile> records = super.poll(timeout);
                    if (!records.isEmpty() && polls.incrementAndGet() == 1 && created.get() == 2) {
                        throw new IllegalStateException("injected: poll failed after reading");
                    }
                    return records;
                }
            };
        };
        try (ProfilePublisher publisher = new ProfilePublisher(kafka.bootstrapServers(), registry.url(), topic)) {
            publisher.publish(profile("a", true, 1), profile("b", true, 2));
            try (ProfileView view = view(topic, Set.of(), meters, failing, ProfileView.STALE_AFTER)) {
                publisher.publish(profile("c", true, 3));
                awaitRead(publisher, view);
                for (String name : List.of("a", "b", "c")) {
                    assertThat(view.profile(name).getName()).isEqualTo(name);
                }
                assertThat(meters.get("mmsguard.gateway.profiles.follow.failures").counter().count()).isEqualTo(2);
                assertThat(view.following()).isTrue();
            }
        }
    }

    @Test
    void withTheBrokerGoneTheViewNoLongerReportsFollowing() throws Exception {
        KafkaTestCluster own = KafkaTestCluster.singleNode();
        try {
            String topic = "pv-outage";
            own.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            ProfilePublisher.publish(own.bootstrapServers(), registry.url(), topic, profile("a", true, 1));
            try (ProfileView view = view(topic, Set.of("a"), new SimpleMeterRegistry(), consumers(own),
                    Duration.ofSeconds(3))) {
                assertThat(view.following()).isTrue();
                own.close();
                await().atMost(HANG_GUARD).until(() -> !view.following());
                assertThat(view.settings("a", MmsInterface.MM1).getFailOpen()).as("last read stays").isTrue();
            }
        } finally {
            own.close();
        }
    }
}
