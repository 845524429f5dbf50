package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import java.time.Instant;
import java.util.List;

/** Profiles and alerts for the stream tests. */
final class NotifierFixtures {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private NotifierFixtures() {
    }

    static NotificationRule rule(NotificationType type, boolean enabled, int interval, IntervalUnit unit) {
        return NotificationRule.newBuilder().setType(type).setEnabled(enabled).setInterval(interval)
                .setIntervalUnit(unit).build();
    }

    /** A profile whose MM1 notification settings hold {@code rules}. */
    static MmsProfile mm1Profile(String name, NotificationRule... rules) {
        return MmsProfile.newBuilder().setName(name).setMm1(InterfaceSettings.newBuilder()
                .setNotification(NotificationSettings.newBuilder().setRules(List.of(rules)).build()).build()).build();
    }

    static Alert alert(String profile, NotificationType type, String sender, Instant at) {
        return Alert.newBuilder().setProfile(profile).setMmsInterface(MmsInterface.MM1).setType(type)
                .setSender(sender).setVirusName(type == NotificationType.VIRUS ? "EICAR" : null).setEventAt(at).build();
    }

    static String key(Alert a) {
        return NoticeAggregator.keyOf(a);
    }
}
