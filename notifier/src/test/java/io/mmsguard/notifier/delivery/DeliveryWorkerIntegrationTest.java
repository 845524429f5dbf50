package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.notifier.stream.NoticeMessage;
import io.mmsguard.notifier.stream.NoticeTopics;
import io.mmsguard.notifier.stream.NotifierFixtures;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.smtp.SmtpStub;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DeliveryWorker on a real broker and registry against a stub MMSC: two notices to a healthy MMSC give exactly
 * two m-send.req; a notice to an MMSC that always fails lands on the dead-letter topic and the worker goes on to a
 * notice for an MMSC that fails twice and then accepts it on the third try; a profile delivering over MM4 gets its
 * notice to an SMTP stub as an MM4_forward.REQ. Awaitility only guards against hangs:
 * the test waits for the committed offset to pass the last notice, then asserts.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class DeliveryWorkerIntegrationTest {
    private static final Duration HANG_GUARD = NotifierFixtures.HANG_GUARD;
    private static final String ADMIN = "+491701111111";
    private static String bootstrap;
    private static String registryUrl;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) {
        bootstrap = kafka.bootstrapServers();
        registryUrl = registry.url();
    }

    private static MmsProfile profile(String name, String url) {
        return NotifierFixtures.mm1DeliveringProfile(name, url, ADMIN,
                NotificationRule.newBuilder().setType(NotificationType.VIRUS).setEnabled(true).build());
    }

    private static NoticeMessage notice(String profile, long count, long at) {
        return new NoticeMessage(profile + "/MM1/VIRUS@" + at, NotificationType.VIRUS, profile, MmsInterface.MM1,
                count, "2026-11-24T10:00:00Z", "2026-11-24T10:05:00Z", "+4917099" + count, "EICAR-" + count,
                null, null, null, false, null);
    }

    @Test
    void deliversRetriesAndDeadLetters() throws Exception {
        Topics topics = Topics.create("it-deliver-");
        ContractTopics serdes = serdes();

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (StubMmsc mmsc = new StubMmsc()
                .path("/ok", n -> StubMmsc.Answer.ok())
                .path("/down", n -> new StubMmsc.Answer(503, 0))
                .path("/flaky", n -> n <= 2 ? new StubMmsc.Answer(503, 0) : StubMmsc.Answer.ok())) {
            Map<String, MmsProfile> profiles = new LinkedHashMap<>();
            for (String name : List.of("ok", "down", "flaky")) {
                profiles.put(name, profile(name, mmsc.url("/" + name)));
            }
            publish(serdes, topics, profiles, List.of(notice("ok", 3, 1), notice("ok", 7, 2),
                    notice("down", 5, 3), notice("flaky", 11, 4)));

            deliverUntilCommitted(serdes, topics, 4,
                    Map.of(MmsInterface.MM1, Mm1Sender.create(Duration.ofSeconds(10))), timer);

            List<StubMmsc.Received> ok = mmsc.at("/ok");
            assertThat(ok).hasSize(2);
            assertThat(ok).allSatisfy(r -> {
                assertThat(r.decoded().messageType()).isEqualTo(MessageType.SEND_REQ);
                assertThat(r.decoded().to()).containsExactly(ADMIN + "/TYPE=PLMN");
            });
            assertThat(ok.get(0).text()).contains("3 virus event(s)").contains("EICAR-3");
            assertThat(ok.get(1).text()).contains("7 virus event(s)").contains("EICAR-7");
            assertThat(ok.get(0).decoded().transactionId()).isEqualTo("ok/MM1/VIRUS@1/" + ADMIN);

            assertThat(mmsc.at("/down")).hasSize(3);
            List<StubMmsc.Received> flaky = mmsc.at("/flaky");
            assertThat(flaky).hasSize(3);
            assertThat(flaky).extracting(StubMmsc.Received::text).allMatch(t -> t.contains("11 virus event(s)"));

            List<JsonNode> dead = readAll(topics.dead(), 1);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).get("notice").get("noticeId").asText()).isEqualTo("down/MM1/VIRUS@3");
            assertThat(dead.get(0).get("recipient").asText()).isEqualTo(ADMIN);
            assertThat(dead.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(dead.get(0).get("error").asText()).contains("503");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void mm4DeliveryMailsAnMm4ForwardReqToTheAdmin() throws Exception {
        Topics topics = Topics.create("it-mm4-");
        ContractTopics serdes = serdes();

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService smtpPool = Executors.newFixedThreadPool(2);
        try (SmtpStub smtp = SmtpStub.accepting()) {
            MmsProfile mail = profile("mail", null);
            mail.getMm1().getNotification().setDelivery(NotificationDelivery.newBuilder()
                    .setMethod(MmsInterface.MM4).setMmscUrl("smtp://127.0.0.1:" + smtp.port())
                    .setFromAddress("+4900000").setUserDomain("mms.mnc001.mcc262.gprs").build());
            publish(serdes, topics, Map.of("mail", mail), List.of(notice("mail", 9, 5)));

            MailSender sender = new MailSender("notifier.test", Duration.ofSeconds(10), Duration.ofSeconds(30),
                    smtpPool);
            deliverUntilCommitted(serdes, topics, 1,
                    Map.of(MmsInterface.MM3, sender, MmsInterface.MM4, sender), timer);

            assertThat(smtp.received()).hasSize(1);
            SmtpStub.Received got = smtp.received().get(0);
            assertThat(got.rcptTo()).containsExactly(ADMIN + "/TYPE=PLMN@mms.mnc001.mcc262.gprs");
            Mm4ReadResult.Valid req = MailSenderTest.forwardReq(got.data(), "mail/MM1/VIRUS@5/" + ADMIN, ADMIN);
            assertThat(req.mail().parts()).singleElement().satisfies(p -> assertThat(
                    new String(p.content(), StandardCharsets.UTF_8)).contains("9 virus event(s)", "EICAR-9"));
            assertThat(endOffset(topics.dead())).as("nothing dead-lettered").isZero();
        } finally {
            smtpPool.shutdownNow();
            timer.shutdownNow();
        }
    }

    /**
     * The rate limit of a profile changes while the worker runs: the notice after the change is sent under the new
     * rate. Before, the first notice fixed the limiter of a profile/interface until the notifier restarted.
     */
    @Test
    void aChangedRateLimitAppliesWithoutARestart() throws Exception {
        Topics topics = Topics.create("it-rate-");
        ContractTopics serdes = serdes();
        String group = topics.prefix() + "-delivery";
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (StubMmsc mmsc = new StubMmsc().path("/ok", n -> StubMmsc.Answer.ok())) {
            MmsProfile slow = profile("rl", mmsc.url("/ok"));
            slow.getMm1().getNotification().setRateLimitPerSecond(1);
            publish(serdes, topics, Map.of("rl", slow), List.of(notice("rl", 1, 1)));

            Retrier retrier = new Retrier(Retrier.Scheduler.of(timer), Duration.ofMillis(20), 2.0, 3);
            try (DeliveryWorker worker = new DeliveryWorker(workerConfig(serdes, topics, group),
                    Map.of(MmsInterface.MM1, Mm1Sender.create(Duration.ofSeconds(10))), retrier, Clock.systemUTC(),
                    null)) {
                Thread thread = new Thread(worker, "delivery-worker");
                thread.start();
                NotifierFixtures.awaitCommitted(bootstrap, group, topics.notices(), 1);
                assertThat(worker.rateLimits().perSecond("rl/MM1")).hasValue(1);

                MmsProfile fast = profile("rl", mmsc.url("/ok"));
                fast.getMm1().getNotification().setRateLimitPerSecond(250);
                publish(serdes, topics, Map.of("rl", fast), List.of());
                await("the worker reads the changed profile").atMost(HANG_GUARD).until(() -> worker.profiles()
                        .resolve("rl").settings(MmsInterface.MM1).getNotification().getRateLimitPerSecond() == 250);
                publish(serdes, topics, Map.of(), List.of(notice("rl", 2, 2)));
                NotifierFixtures.awaitCommitted(bootstrap, group, topics.notices(), 2);

                assertThat(worker.rateLimits().perSecond("rl/MM1")).as("the new rate, without a restart")
                        .hasValue(250);
                assertThat(mmsc.at("/ok")).hasSize(2);
                worker.close();
                thread.join(HANG_GUARD.toMillis());
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** The three topics of one test, named after a fresh prefix (which also names the delivery group). */
    private record Topics(String prefix, String notices, String dead, String profiles) {
        static Topics create(String name) throws Exception {
            String prefix = name + UUID.randomUUID().toString().substring(0, 8);
            Topics t = new Topics(prefix, prefix + ".notices", prefix + ".notices-dead", prefix + ".profiles");
            NotifierFixtures.createTopics(bootstrap, t.notices(), t.dead(), t.profiles());
            return t;
        }
    }

    private static ContractTopics serdes() {
        return ContractTopics.create(Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true));
    }

    private static void publish(ContractTopics serdes, Topics topics, Map<String, MmsProfile> profiles,
                                List<NoticeMessage> all) throws Exception {
        Properties pp = NotifierFixtures.producerProperties(bootstrap);
        try (ProfilePublisher p = new ProfilePublisher(bootstrap, registryUrl, topics.profiles());
             KafkaProducer<String, NoticeMessage> notices = new KafkaProducer<>(pp, new StringSerializer(),
                     NoticeTopics.NOTICES.valueSerde().serializer())) {
            profiles.forEach(p::publish);
            for (NoticeMessage m : all) {
                notices.send(new ProducerRecord<>(topics.notices(), m.profile() + "/MM1/VIRUS", m)).get();
            }
        }
    }

    /** Runs a worker (own consumer group) until it has committed past the {@code count} notices, then stops it. */
    private static void deliverUntilCommitted(ContractTopics serdes, Topics topics, long count,
                                              Map<MmsInterface, NoticeSender> senders,
                                              ScheduledExecutorService timer) throws InterruptedException {
        String group = topics.prefix() + "-delivery";
        DeliveryWorker.Config config = workerConfig(serdes, topics, group);
        Retrier retrier = new Retrier(Retrier.Scheduler.of(timer), Duration.ofMillis(20), 2.0, 3);
        try (DeliveryWorker worker = new DeliveryWorker(config, senders, retrier, Clock.systemUTC(), null)) {
            Thread thread = new Thread(worker, "delivery-worker");
            thread.start();
            NotifierFixtures.awaitCommitted(bootstrap, group, topics.notices(), count);
            worker.close();
            thread.join(HANG_GUARD.toMillis());
        }
    }

    private static DeliveryWorker.Config workerConfig(ContractTopics serdes, Topics topics, String group) {
        return new DeliveryWorker.Config(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group),
                NoticeTopics.NOTICES.named(topics.notices()), NoticeTopics.NOTICES_DEAD.named(topics.dead()),
                serdes.topic(Contracts.PROFILES, topics.profiles()), Duration.ofMillis(100));
    }

    private static long endOffset(String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** Every record of the dead-letter topic, read to its end once {@code expected} are seen. */
    private static List<JsonNode> readAll(String topic, int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<JsonNode> seen = new ArrayList<>();
            await("dead letters").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(json.readTree(r.value()));
                }
                return seen.size() >= expected && consumer.position(tp) >= end;
            });
            return seen;
        }
    }
}
