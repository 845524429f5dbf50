package io.mmsguard.embedded;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The profile the demo traffic is judged by: every scanner on every interface, flood limit 5 and duplicate limit 3
 * per minute on MM1, flood limit 2 per minute on MM4, a banned file type and two banned words; administrator
 * notices for every type on every interface (first event at once, then hourly) and a notice to the infected MM1
 * sender, delivered as MM1 m-send.req to the demo MMSC.
 */
final class DemoProfile {
    static final String NAME = "demo";
    static final String ADMIN = "+4916099999";
    static final int FLOOD_LIMIT = 5;
    static final int DUPLICATE_LIMIT = 3;
    static final int MM4_FLOOD_LIMIT = 2;
    static final List<NotificationType> NOTIFIED = List.of(NotificationType.VIRUS, NotificationType.FILE_FILTER,
            NotificationType.BANNED_WORDS, NotificationType.FLOOD, NotificationType.DUPLICATE);

    private DemoProfile() {
    }

    static MmsProfile profile(URI noticesUrl) {
        return MmsProfile.newBuilder().setName(NAME)
                .setMm1(InterfaceSettings.newBuilder()
                        .setFlood(List.of(threshold(FLOOD_LIMIT)))
                        .setDuplicate(List.of(threshold(DUPLICATE_LIMIT)))
                        .setNotification(notification(noticesUrl, true)).build())
                .setMm3(InterfaceSettings.newBuilder().setNotification(notification(noticesUrl, false)).build())
                .setMm4(InterfaceSettings.newBuilder().setFlood(List.of(threshold(MM4_FLOOD_LIMIT)))
                        .setNotification(notification(noticesUrl, false)).build())
                .setMm7(InterfaceSettings.newBuilder().setNotification(notification(noticesUrl, false)).build())
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setBannedWordThreshold(15)
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").build(),
                        BannedWord.newBuilder().setPattern("\"free money\"").build()))
                .setNotifMsisdn(List.of(NotifMsisdn.newBuilder().setMsisdn(ADMIN).setTypes(NOTIFIED).build()))
                .build();
    }

    private static Threshold threshold(int limit) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(1).setLimit(limit)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG, ThresholdAction.ALERT_ADMIN)).setBlockTimeMinutes(0).build();
    }

    private static NotificationSettings notification(URI noticesUrl, boolean notifyVirusSender) {
        return NotificationSettings.newBuilder()
                .setRules(NOTIFIED.stream().map(t -> NotificationRule.newBuilder().setType(t).setEnabled(true)
                        .setInterval(1).setIntervalUnit(IntervalUnit.HOURS)
                        .setNotifySender(notifyVirusSender && t == NotificationType.VIRUS).build()).toList())
                .setDelivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1)
                        .setMmscUrl(noticesUrl.toString()).setFromAddress("+4916000000").build())
                .build();
    }

    static void publish(String bootstrap, String registryUrl, URI noticesUrl) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Topic<String, MmsProfile> profiles =
                ContractTopics.create(Map.of("schema.registry.url", registryUrl)).topic(Contracts.PROFILES);
        try (KafkaProducer<String, MmsProfile> producer = new KafkaProducer<>(p, profiles.keySerde().serializer(),
                profiles.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(profiles.name(), NAME, profile(noticesUrl))).get();
        }
    }
}
