package io.mmsguard.notifier.stream;

import static io.mmsguard.notifier.stream.NotifierFixtures.T0;
import static io.mmsguard.notifier.stream.NotifierFixtures.alert;
import static io.mmsguard.notifier.stream.NotifierFixtures.key;
import static io.mmsguard.notifier.stream.NotifierFixtures.mm1Profile;
import static io.mmsguard.notifier.stream.NotifierFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.avro.Alert;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.VirusNotificationEntry;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.VirusTracker;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.junit.SharedRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The aggregation topology on a TopologyTestDriver, real Avro serdes (Apicurio) and a test clock. */
@ExtendWith(SharedRegistry.class)
class NotifierTopologyTest {
    private static final String APP = "notifier-test";
    private static final Duration PUNCTUATION = Duration.ofSeconds(1);
    private static ContractTopics contracts;

    @TempDir
    Path stateDir;

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private TopologyTestDriver driver;
    private TestInputTopic<String, Alert> alerts;
    private TestInputTopic<String, MmsProfile> profiles;
    private TestOutputTopic<String, NoticeMessage> notices;

    @BeforeAll
    static void setUp(ApicurioRegistry registry) {
        Map<String, Object> configs = Map.of("schema.registry.url", registry.url());
        contracts = ContractTopics.create(configs);
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void startDriver() {
        NotifierSettings settings = new NotifierSettings("alerts", "profiles", "notices", PUNCTUATION);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        driver = new TopologyTestDriver(NotifierTopology.build(
                ProfileCatalog.pinningEveryName(ProfileValidator.standard()), contracts, settings, clock), p, T0);
        Topic<String, Alert> in = contracts.topic(Contracts.ALERTS, settings.alertsTopic());
        Topic<String, MmsProfile> rules = contracts.topic(Contracts.PROFILES, settings.profilesTopic());
        Topic<String, NoticeMessage> out = NoticeTopics.NOTICES.named(settings.noticesTopic());
        alerts = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
        profiles = driver.createInputTopic(rules.name(), rules.keySerde().serializer(),
                rules.valueSerde().serializer());
        notices = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    }

    private void profile(MmsProfile p) {
        profiles.pipeInput(p.getName(), p);
    }

    private void send(Alert a) {
        alerts.pipeInput(key(a), a);
    }

    /** Moves the test clock, then the driver's wall clock past one punctuation period. */
    private List<KeyValue<String, NoticeMessage>> after(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(PUNCTUATION);
        return notices.readKeyValuesToList();
    }

    private void sendVirusBurst(String profile, int n) {
        for (int i = 0; i < n; i++) {
            send(alert(profile, NotificationType.VIRUS, "+49170" + i, T0.plusMillis(i)));
        }
    }

    @Test
    void aBurstGivesOneNoticeAtOnceAndOnePeriodicNoticeWithTheRest() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
        sendVirusBurst("p", 500);

        List<KeyValue<String, NoticeMessage>> first = notices.readKeyValuesToList();
        assertThat(first).hasSize(1);
        NoticeMessage n = first.get(0).value;
        assertThat(first.get(0).key).isEqualTo("p/MM1/VIRUS");
        assertThat(n.count()).isEqualTo(1);
        assertThat(n.type()).isEqualTo(NotificationType.VIRUS);
        assertThat(n.mmsInterface()).isEqualTo(MmsInterface.MM1);
        assertThat(n.profile()).isEqualTo("p");
        assertThat(n.noticeId()).isEqualTo("p/MM1/VIRUS@" + T0.toEpochMilli());
        assertThat(n.sender()).isEqualTo("+491700");
        assertThat(n.virus()).isEqualTo("EICAR");

        assertThat(after(Duration.ofMinutes(30))).as("mid-interval").isEmpty();

        List<KeyValue<String, NoticeMessage>> periodic = after(Duration.ofMinutes(31));
        assertThat(periodic).hasSize(1);
        NoticeMessage p = periodic.get(0).value;
        assertThat(p.count()).isEqualTo(499);
        assertThat(p.firstEventAt()).isEqualTo(T0.plusMillis(1).toString());
        assertThat(p.lastEventAt()).isEqualTo(T0.plusMillis(499).toString());
        assertThat(p.sender()).isEqualTo("+49170499");
        assertThat(p.noticeId()).isEqualTo("p/MM1/VIRUS@" + clock.instant().toEpochMilli());
        assertThat(p.toNotice().count()).isEqualTo(499);

        assertThat(after(Duration.ofHours(2))).isEmpty();
        assertThat(after(Duration.ofHours(2))).isEmpty();
    }

    @Test
    void anInvalidUpdateOrATombstoneLeavesTheLastValidProfileInForceAsInTheTopology() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
        profiles.pipeInput("p", mm1Profile("renamed", rule(NotificationType.VIRUS, false, 1, IntervalUnit.HOURS)));
        profiles.pipeInput("p", null);
        sendVirusBurst("p", 3);
        List<KeyValue<String, NoticeMessage>> first = notices.readKeyValuesToList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).value.profile()).isEqualTo("p");
    }

    @Test
    void aDisabledRuleGivesNoNotice() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.VIRUS, false, 1, IntervalUnit.HOURS)));
        sendVirusBurst("p", 10);
        assertThat(notices.readKeyValuesToList()).isEmpty();
        assertThat(after(Duration.ofHours(2))).isEmpty();
        assertThat(driver.<String, byte[]>getKeyValueStore(NotifierTopology.NOTICE_STORE).approximateNumEntries())
                .isZero();
    }

    @Test
    void anUnknownProfileUsesDefaultAndNoProfileAtAllGivesNothing() {
        startDriver();
        send(alert("nobody", NotificationType.VIRUS, "+1", T0));
        assertThat(notices.readKeyValuesToList()).isEmpty();
        profile(mm1Profile("default", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
        send(alert("nobody", NotificationType.VIRUS, "+1", T0));
        List<KeyValue<String, NoticeMessage>> out = notices.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value.profile()).isEqualTo("nobody");
    }

    @Test
    void twoKeysAreIndependent() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS),
                rule(NotificationType.FLOOD, true, 10, IntervalUnit.MINUTES)));
        for (int i = 0; i < 3; i++) {
            send(alert("p", NotificationType.VIRUS, "+1", T0.plusMillis(i)));
        }
        for (int i = 0; i < 2; i++) {
            send(alert("p", NotificationType.FLOOD, "+2", T0.plusMillis(i)));
        }
        Map<String, Long> first = counts(notices.readKeyValuesToList());
        assertThat(first).containsExactly(Map.entry("p/MM1/VIRUS", 1L), Map.entry("p/MM1/FLOOD", 1L));

        assertThat(counts(after(Duration.ofMinutes(11)))).containsExactly(Map.entry("p/MM1/FLOOD", 1L));
        assertThat(counts(after(Duration.ofMinutes(50)))).containsExactly(Map.entry("p/MM1/VIRUS", 2L));
        assertThat(after(Duration.ofHours(3))).isEmpty();
    }

    /**
     * A restarted instance restored from the changelog keeps the pending count. TopologyTestDriver wipes its state
     * directory on close and restores nothing, so the new driver's store is filled with what the first driver wrote
     * to the store's changelog topic, which is what a real restore reads.
     */
    @Test
    void pendingCountsSurviveARestartFromTheChangelog() {
        startDriver();
        MmsProfile profile = mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS));
        profile(profile);
        sendVirusBurst("p", 500);
        assertThat(notices.readValuesToList()).extracting(NoticeMessage::count).containsExactly(1L);
        assertThat(after(Duration.ofMinutes(10))).isEmpty();

        Map<String, byte[]> changelog = new LinkedHashMap<>();
        driver.createOutputTopic(APP + "-" + NotifierTopology.NOTICE_STORE + "-changelog",
                        Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .readKeyValuesToList().forEach(kv -> changelog.put(kv.key, kv.value));
        assertThat(changelog).containsOnlyKeys("p/MM1/VIRUS");
        driver.close();

        startDriver();
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(NotifierTopology.NOTICE_STORE);
        changelog.forEach(store::put);
        profile(profile);

        assertThat(after(Duration.ofMinutes(10))).isEmpty();
        List<KeyValue<String, NoticeMessage>> periodic = after(Duration.ofMinutes(41));
        assertThat(periodic).extracting(kv -> kv.value.count()).containsExactly(499L);
        assertThat(after(Duration.ofHours(2))).isEmpty();
    }

    private static Alert virusOf(String sender, String virus, boolean notifiable, Instant at) {
        return Alert.newBuilder(alert("p", NotificationType.VIRUS, sender, at)).setVirusName(virus)
                .setSenderNotifiable(notifiable).build();
    }

    private static NotificationRule notifyingSender(NotificationRule rule) {
        return NotificationRule.newBuilder(rule).setNotifySender(true).build();
    }

    private static List<String> senderNotices(List<KeyValue<String, NoticeMessage>> out) {
        return out.stream().map(kv -> kv.value).filter(NoticeMessage::toSender)
                .map(n -> n.sender() + " " + n.virus() + " " + n.count()).toList();
    }

    @Test
    void floodThresholdsAreSeparateStreamsCarryingTheirIndex() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.FLOOD, true, 10, IntervalUnit.MINUTES)));
        for (int i = 0; i < 3; i++) {
            send(threshold(NotificationType.FLOOD, 1, T0.plusMillis(i)));
        }
        send(threshold(NotificationType.FLOOD, 2, T0.plusMillis(5)));
        List<KeyValue<String, NoticeMessage>> first = notices.readKeyValuesToList();
        assertThat(first).extracting(kv -> kv.value.thresholdIndex() + ":" + kv.value.count())
                .containsExactly("1:1", "2:1");
        assertThat(first).extracting(kv -> kv.key).containsOnly("p/MM1/FLOOD");
        assertThat(first.get(0).value.noticeId()).isEqualTo("p/MM1/FLOOD#1@" + T0.toEpochMilli());
        assertThat(first.get(0).value.target())
                .isEqualTo(Recipients.Target.admins(NotificationType.FLOOD, MmsInterface.MM1, 1));
        assertThat(after(Duration.ofMinutes(11))).extracting(kv -> kv.value.thresholdIndex() + ":" + kv.value.count())
                .containsExactly("1:2");
    }

    private static Alert threshold(NotificationType type, int index, Instant at) {
        return Alert.newBuilder(alert("p", type, "+3", at)).setThreshold(ThresholdCount.newBuilder()
                .setKind(type == NotificationType.FLOOD ? ThresholdKind.FLOOD : ThresholdKind.DUPLICATE)
                .setIndex(index).setWindowMinutes(1).setLimit(5).setCount(6).setExceeded(true).build())
                .setSenderNotifiable(true).build();
    }

    @Test
    void aNotifiableVirusSenderGetsItsOwnStreamBesideTheAdministrators() {
        startDriver();
        profile(mm1Profile("p", notifyingSender(rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS))));
        send(virusOf("+1", "EICAR", true, T0));
        send(virusOf("+1", "EICAR", true, T0.plusMillis(1)));
        send(virusOf("+2", "EICAR", false, T0.plusMillis(2)));
        List<KeyValue<String, NoticeMessage>> first = notices.readKeyValuesToList();
        assertThat(first).hasSize(2);
        assertThat(first.get(0).value.toSender()).isFalse();
        NoticeMessage toSender = first.get(1).value;
        assertThat(toSender.target()).isEqualTo(Recipients.Target.sender(MmsInterface.MM1, "+1"));
        assertThat(toSender.noticeId()).startsWith("p/MM1/VIRUS/sender-").doesNotContain("\0");
        assertThat(senderNotices(first)).containsExactly("+1 EICAR 1");

        List<KeyValue<String, NoticeMessage>> periodic = after(Duration.ofMinutes(61));
        assertThat(senderNotices(periodic)).containsExactly("+1 EICAR 1");
        assertThat(periodic).filteredOn(kv -> !kv.value.toSender()).extracting(kv -> kv.value.count())
                .containsExactly(2L);
    }

    @Test
    void aSenderIsNotNotifiedWhenTheRuleDoesNotSaySo() {
        startDriver();
        profile(mm1Profile("p", rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS)));
        send(virusOf("+1", "EICAR", true, T0));
        assertThat(notices.readValuesToList()).extracting(NoticeMessage::toSender).containsExactly(false);
    }

    /** A17: three viruses per sender; a fourth evicts the least recently seen with its pending count. */
    @Test
    void aFourthVirusEvictsTheLeastRecentlySeen() {
        startDriver();
        profile(mm1Profile("p", notifyingSender(rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS))));
        send(virusOf("+1", "V1", true, T0));
        send(virusOf("+1", "V2", true, T0.plusMillis(1)));
        send(virusOf("+1", "V3", true, T0.plusMillis(2)));
        send(virusOf("+1", "V1", true, T0.plusMillis(3)));   // pending on V1; V2 is now the least recent
        send(virusOf("+1", "V2", true, T0.plusMillis(4)));   // pending on V2; V3 is now the least recent
        send(virusOf("+1", "V4", true, T0.plusMillis(5)));   // evicts V3
        assertThat(senderNotices(notices.readKeyValuesToList()))
                .containsExactly("+1 V1 1", "+1 V2 1", "+1 V3 1", "+1 V4 1");
        KeyValueStore<String, byte[]> trackers = driver.getKeyValueStore(NotifierTopology.TRACKER_STORE);
        assertThat(VirusTracker.Tracked.decode(trackers.get("p/MM1/VIRUS\0+1")).viruses())
                .containsExactly("V4", "V2", "V1");

        send(virusOf("+1", "V3", true, T0.plusMillis(6)));   // a fresh stream again (evicts V1 and its pending)
        assertThat(senderNotices(notices.readKeyValuesToList())).containsExactly("+1 V3 1");
        assertThat(senderNotices(after(Duration.ofMinutes(61)))).containsExactly("+1 V2 1");
    }

    @Test
    void quietStreamsAndTheirTrackersAreRemoved() {
        startDriver();
        profile(mm1Profile("p", notifyingSender(rule(NotificationType.VIRUS, true, 1, IntervalUnit.HOURS))));
        send(virusOf("+1", "EICAR", true, T0));
        assertThat(notices.readValuesToList()).hasSize(2);
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(NotifierTopology.NOTICE_STORE);
        KeyValueStore<String, byte[]> trackers = driver.getKeyValueStore(NotifierTopology.TRACKER_STORE);
        assertThat(after(Duration.ofMinutes(30))).isEmpty();
        assertThat(store.approximateNumEntries()).isEqualTo(2);
        assertThat(after(Duration.ofMinutes(31))).isEmpty();
        assertThat(store.approximateNumEntries()).isZero();
        assertThat(trackers.approximateNumEntries()).isZero();
        send(virusOf("+1", "EICAR", true, T0.plus(Duration.ofMinutes(62))));
        assertThat(notices.readValuesToList()).extracting(NoticeMessage::count).containsExactly(1L, 1L);
    }

    @Test
    void virusesOffTheNotificationListAreNotNotified() {
        startDriver();
        profile(MmsProfile.newBuilder(mm1Profile("p", notifyingSender(rule(NotificationType.VIRUS, true, 1,
                        IntervalUnit.HOURS)))).setVirusNotifications(List.of(VirusNotificationEntry.newBuilder()
                .setName("Eicar-").setPrefix(true).build())).build());
        send(virusOf("+1", "Win.Worm.X", true, T0));
        assertThat(notices.readValuesToList()).isEmpty();
        send(virusOf("+1", "EICAR-Test-Signature", true, T0.plusMillis(1)));
        assertThat(notices.readValuesToList()).extracting(NoticeMessage::virus)
                .containsExactly("EICAR-Test-Signature", "EICAR-Test-Signature");
    }

    private static Map<String, Long> counts(List<KeyValue<String, NoticeMessage>> out) {
        Map<String, Long> m = new LinkedHashMap<>();
        out.forEach(kv -> m.merge(kv.key, kv.value.count(), Long::sum));
        assertThat(m).hasSize(out.size());
        return m;
    }
}
