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
import io.mmsguard.avro.Audit;
import io.mmsguard.deploy.cli.Author;
import io.mmsguard.deploy.cli.ConfigTopicNames;
import io.mmsguard.deploy.cli.ConfigTransaction;
import io.mmsguard.deploy.cli.Connection;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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

    /** What {@code mmsguard up} does with the demo profile on the topic. */
    enum Publish {
        /** Write the stock profile only when the topic has no {@code demo}: an operator's change survives restarts. */
        IF_ABSENT,
        /** {@code up --demo}: the demo's table is exact only for the stock profile, so write it as a new version. */
        RESET
    }

    static final String UP = "mmsguard up";
    static final String UP_DEMO = "mmsguard up --demo";

    /** @return one line for the operator: what was written or kept */
    static String publish(String bootstrap, String registryUrl, URI noticesUrl, Publish mode) {
        Connection c = new Connection(Map.of("bootstrap.servers", bootstrap), Map.of("schema.registry.url", registryUrl));
        boolean reset = mode == Publish.RESET;
        Author author = new Author(reset ? UP_DEMO : UP, "the embedded mode");
        ConfigTransaction.Published p = new ConfigTransaction(c, ConfigTopicNames.defaults(), author, Clock.systemUTC())
                .publish(profile(noticesUrl), reset, reset ? "reset to the stock demo profile" : "added");
        if (p.applied().isPresent()) {
            long version = p.applied().get().version();
            return reset && version > 1
                    ? "Profile demo: reset to the stock demo profile as version " + version + " (author " + UP_DEMO
                            + "; config history --profile demo shows the earlier versions)"
                    : "Profile demo: stock demo profile published as version " + version;
        }
        Audit kept = p.kept().orElseThrow();
        return reset ? "Profile demo: already the stock demo profile (version " + kept.getVersion() + ")"
                : "Profile demo: version " + kept.getVersion() + " kept"
                        + (kept.getUpdatedBy().isEmpty() ? "" : ", as " + kept.getUpdatedBy() + " left it")
                        + " (mmsguard up --demo resets it to the stock profile)";
    }
}
