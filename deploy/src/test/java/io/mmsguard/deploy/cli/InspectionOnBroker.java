package io.mmsguard.deploy.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real inspection service for the CLI's integration tests, on the shared broker and registry with topics of its
 * own: {@code <prefix>.<name>} for each of {@link #TOPICS}, one partition each.
 */
final class InspectionOnBroker {
    /** The inspection service's topics, each a {@code topics.<name>} key and a topic {@code <prefix>.<name>}. */
    static final List<String> TOPICS = List.of("inbound", "decisions", "profiles", "endpoint-lists", "archive",
            "alerts", "inspection-log", "state-resets", "config-status", "shadow-log");
    static final Duration HANG_GUARD = Duration.ofSeconds(90);

    private InspectionOnBroker() {
    }

    static void createTopics(KafkaTestCluster kafka, String prefix) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : TOPICS) {
            NewTopic topic = new NewTopic(prefix + "." + t, 1, (short) 1);
            topics.add(t.equals("inbound") ? topic.configs(Topics.inboundTopicConfigs()) : topic);
        }
        kafka.admin().createTopics(topics).all().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    /** Started and running; {@code extra} adds service settings (e.g. the archive key). */
    static InspectionService start(String bootstrap, String registryUrl, String prefix, Path stateDir,
                                   Map<String, String> extra) throws Exception {
        Map<String, String> s = new HashMap<>(extra);
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("kafka.replication.factor", "1");
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", prefix);
        s.put("inspection.state-dir", stateDir.toString());
        s.put("inspection.http-host", "127.0.0.1");
        s.put("inspection.http-port", "0");
        for (String t : TOPICS) {
            s.put("topics." + t, prefix + "." + t);
        }
        InspectionService service = InspectionService.start(InspectionConfig.from(Settings.of(s, InspectionConfig.KEYS)));
        if (!service.awaitRunning(HANG_GUARD)) {
            service.close();
            throw new AssertionError("the inspection service did not run within " + HANG_GUARD);
        }
        return service;
    }

    /** A producer of envelopes for {@code <prefix>.inbound}, keyed by sender as the gateways write them. */
    static KafkaProducer<String, MmsEnvelope> inbound(String bootstrap, String registryUrl, String prefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        ContractTopics contracts = ContractTopics.create(Map.of("schema.registry.url", registryUrl,
                "auto.register.schemas", true));
        return new KafkaProducer<>(p, new StringSerializer(),
                contracts.topic(Contracts.INBOUND, prefix + ".inbound").valueSerde().serializer());
    }

    /** An MM1 send of one text part, as the CLI tests send them. */
    static MmsEnvelope textEnvelope(String session, String sender, String profile, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return MmsEnvelope.newBuilder().setSessionId(session).setGatewayId("gw").setReplyPartition(0)
                .setMmsInterface(io.mmsguard.avro.MmsInterface.MM1).setDirection(io.mmsguard.avro.Direction.SEND)
                .setMessageType("m-send-req").setSender(sender)
                .setRecipients(List.of(io.mmsguard.avro.Recipient.newBuilder().setAddress("+491709876543")
                        .setKind(io.mmsguard.avro.RecipientKind.TO).build()))
                .setContentType("application/vnd.wap.multipart.mixed")
                .setParts(List.of(io.mmsguard.avro.MmsPart.newBuilder().setContentType("text/plain")
                        .setCharset("utf-8").setSize(bytes.length).setCrc32(1).setSha256("00".repeat(32))
                        .setContent(java.nio.ByteBuffer.wrap(bytes)).build()))
                .setOriginalSize(bytes.length + 100).setReceivedAt(java.time.Instant.now())
                .setTransport(io.mmsguard.avro.Transport.newBuilder().build()).setProfile(profile).build();
    }
}
