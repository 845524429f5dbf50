package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.EmbeddedKafka;
import io.mmsguard.testkit.KafkaSecurity;
import io.mmsguard.testkit.tls.TestPki;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AccessPlan's ACLs applied to a real broker (SASL_SSL, SCRAM-SHA-512, StandardAuthorizer) through KafkaAcls, as
 * {@code mmsguard acl apply} does: each principal can do what its role needs and is refused the rest.
 */
class AccessPlanIntegrationTest {
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static KafkaSecurity security;

    @BeforeAll
    static void startBrokerWithTheAcls() throws Exception {
        security = KafkaSecurity.scram(AccessPlan.principals().stream().map(AccessPlan.Principal::name).toList(),
                Optional.of(TestPki.create(dir.resolve("pki"))));
        kafka = EmbeddedKafka.secured(dir.resolve("kafka"), security).start();
        try (Admin admin = Admin.create(client(KafkaSecurity.ADMIN))) {
            admin.createTopics(TopicPlan.embedded().stream()
                    .map(t -> new NewTopic(t.name(), 1, (short) 1).configs(t.configs())).toList()).all().get();
            KafkaAcls.apply(admin, AccessPlan.principals());
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Map<String, Object> client(String user) {
        return client(security.clientProperties(user));
    }

    private static Map<String, Object> client(Map<String, Object> securityProperties) {
        Map<String, Object> p = new HashMap<>(securityProperties);
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("max.block.ms", 20_000);
        return p;
    }

    private static void write(String user, String topic) throws Exception {
        write(client(user), user, topic);
    }

    private static void write(Map<String, Object> config, String user, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                    (user + " wrote").getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static Throwable writeRefused(String user, String topic) {
        return writeRefused(client(user), user, topic);
    }

    private static Throwable writeRefused(Map<String, Object> config, String user, String topic) {
        try {
            write(config, user, topic);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError(user + " could write " + topic);
    }

    private static List<String> read(String user, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client(user), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            List<String> values = new java.util.ArrayList<>();
            while (consumer.position(p) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }

    @Test
    void theGatewayWritesInboundButNeitherADecisionNorAProfile() throws Exception {
        write(AccessPlan.GATEWAY, Topics.INBOUND);
        assertThat(writeRefused(AccessPlan.GATEWAY, Topics.DECISIONS)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeRefused(AccessPlan.GATEWAY, Topics.PROFILES)).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theOperatorWritesAProfileAndTheGatewayReadsIt() throws Exception {
        write(AccessPlan.OPERATOR, Topics.PROFILES);
        assertThat(read(AccessPlan.GATEWAY, Topics.PROFILES)).contains(AccessPlan.OPERATOR + " wrote");
    }

    @Test
    void theOperatorAloneWritesProfilesAndTheAuditUnderTheConfigTransactionalIdAndReadsTheInspectionsStatus()
            throws Exception {
        Map<String, Object> operator = client(AccessPlan.OPERATOR);
        operator.put("transactional.id", AccessPlan.CONFIG_TRANSACTIONAL_ID);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(operator, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String topic : List.of(Topics.PROFILES, Topics.CONFIG_AUDIT)) {
                producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                        (AccessPlan.OPERATOR + " committed").getBytes(StandardCharsets.UTF_8)));
            }
            producer.commitTransaction();
        }
        assertThat(read(AccessPlan.ANALYST, Topics.CONFIG_AUDIT)).contains(AccessPlan.OPERATOR + " committed");
        Map<String, Object> rival = client(AccessPlan.INSPECTION);
        rival.put("transactional.id", AccessPlan.CONFIG_TRANSACTIONAL_ID);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(rival, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(producer::initTransactions)
                    .isInstanceOf(org.apache.kafka.common.errors.TransactionalIdAuthorizationException.class);
        }
        assertThat(writeRefused(AccessPlan.INSPECTION, Topics.CONFIG_AUDIT))
                .isInstanceOf(TopicAuthorizationException.class);
        write(AccessPlan.INSPECTION, Topics.CONFIG_STATUS);
        assertThat(read(AccessPlan.OPERATOR, Topics.CONFIG_STATUS)).contains(AccessPlan.INSPECTION + " wrote");
        assertThat(writeRefused(AccessPlan.OPERATOR, Topics.CONFIG_STATUS))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theInspectionWritesADecisionTheGatewayReads() throws Exception {
        write(AccessPlan.INSPECTION, Topics.DECISIONS);
        assertThat(read(AccessPlan.GATEWAY, Topics.DECISIONS)).contains(AccessPlan.INSPECTION + " wrote");
    }

    @Test
    void theAnalystReadsTheArchiveButCannotWriteItNorReadInbound() throws Exception {
        write(AccessPlan.INSPECTION, Topics.ARCHIVE);
        assertThat(read(AccessPlan.ANALYST, Topics.ARCHIVE)).contains(AccessPlan.INSPECTION + " wrote");
        // An idempotent producer of the analyst is refused before any topic (it may write nowhere: no producer id);
        // without idempotence the refusal is the topic's.
        assertThat(writeRefused(AccessPlan.ANALYST, Topics.ARCHIVE)).isInstanceOf(ClusterAuthorizationException.class);
        Map<String, Object> plain = client(AccessPlan.ANALYST);
        plain.put("enable.idempotence", false);
        assertThat(writeRefused(plain, AccessPlan.ANALYST, Topics.ARCHIVE))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> read(AccessPlan.ANALYST, Topics.INBOUND))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = client(security.clientProperties(AccessPlan.GATEWAY, "not-the-password"));
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
