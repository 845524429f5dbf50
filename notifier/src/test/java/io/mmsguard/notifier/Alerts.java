package io.mmsguard.notifier;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import java.time.Instant;

/** Test alerts. */
final class Alerts {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private Alerts() {
    }

    static Alert virus(String sender, String virus, boolean senderNotifiable) {
        return base(NotificationType.VIRUS, sender).setVirusName(virus).setSenderNotifiable(senderNotifiable).build();
    }

    static Alert threshold(NotificationType type, String sender, int index) {
        ThresholdKind kind = type == NotificationType.FLOOD ? ThresholdKind.FLOOD : ThresholdKind.DUPLICATE;
        return base(type, sender).setThreshold(ThresholdCount.newBuilder().setKind(kind).setIndex(index)
                .setWindowMinutes(60).setLimit(50).setCount(51).setExceeded(true).build())
                // a wrong upstream flag must not make the sender a recipient
                .setSenderNotifiable(true).build();
    }

    static Alert.Builder base(NotificationType type, String sender) {
        return Alert.newBuilder().setProfile("default").setMmsInterface(MmsInterface.MM1).setType(type)
                .setSender(sender).setEventAt(T0);
    }
}
