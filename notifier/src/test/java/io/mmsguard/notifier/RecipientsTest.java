package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.ThresholdRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    private static final String SENDER = "+4917000001";

    private static NotifMsisdn admin(String msisdn, List<NotificationType> types, List<ThresholdRef> thresholds) {
        return NotifMsisdn.newBuilder().setMsisdn(msisdn).setTypes(types).setThresholds(thresholds).build();
    }

    private static ThresholdRef ref(ThresholdKind kind, int index, MmsInterface iface) {
        return ThresholdRef.newBuilder().setKind(kind).setIndex(index).setMmsInterface(iface).build();
    }

    private static NotificationRule rule(NotificationType type, boolean notifySender) {
        return NotificationRule.newBuilder().setType(type).setEnabled(true).setNotifySender(notifySender).build();
    }

    private static final List<NotifMsisdn> TABLE = List.of(
            admin("+491", List.of(NotificationType.VIRUS), List.of()),
            admin("+492", List.of(), List.of(ref(ThresholdKind.FLOOD, 2, null))),
            admin("+493", List.of(), List.of(ref(ThresholdKind.FLOOD, 1, MmsInterface.MM4),
                    ref(ThresholdKind.DUPLICATE, 1, MmsInterface.MM1))),
            admin("+494", List.of(NotificationType.FLOOD, NotificationType.DUPLICATE), List.of()),
            admin("+491", List.of(NotificationType.VIRUS), List.of()),   // listed twice: notified once
            admin(" ", List.of(NotificationType.VIRUS), List.of()));

    private static List<String> addresses(List<Recipients.Recipient> rs) {
        return rs.stream().map(Recipients.Recipient::address).toList();
    }

    @Test
    void virusGoesToAdminsOfTheTypeAndToTheSenderWhenAllowed() {
        Alert a = Alerts.virus(SENDER, "EICAR", true);
        assertThat(Recipients.of(a, rule(NotificationType.VIRUS, true), TABLE)).containsExactly(
                new Recipients.Recipient("+491", Recipients.Kind.ADMIN),
                new Recipients.Recipient(SENDER, Recipients.Kind.SENDER));
        assertThat(addresses(Recipients.of(a, rule(NotificationType.VIRUS, false), TABLE))).containsExactly("+491");
        assertThat(addresses(Recipients.of(Alerts.virus(SENDER, "EICAR", false), rule(NotificationType.VIRUS, true),
                TABLE))).containsExactly("+491");
        assertThat(addresses(Recipients.of(a, null, TABLE))).containsExactly("+491");
    }

    @Test
    void floodAndDuplicateNeverGoToTheSender() {
        for (NotificationType type : List.of(NotificationType.FLOOD, NotificationType.DUPLICATE)) {
            for (int index = 1; index <= 3; index++) {
                Alert a = Alerts.threshold(type, SENDER, index);
                List<Recipients.Recipient> rs = Recipients.of(a, rule(type, true), TABLE);
                assertThat(rs).extracting(Recipients.Recipient::kind).containsOnly(Recipients.Kind.ADMIN);
                assertThat(addresses(rs)).doesNotContain(SENDER);
                assertThat(Recipients.senderMayBeNotified(a, rule(type, true))).isFalse();
            }
        }
    }

    @Test
    void thresholdAlertsGoToAdminsOfThatThresholdOrType() {
        assertThat(addresses(Recipients.of(Alerts.threshold(NotificationType.FLOOD, SENDER, 2), null, TABLE)))
                .containsExactly("+492", "+494");
        // flood-thresh-1 is only referenced for MM4; the alert is on MM1
        assertThat(addresses(Recipients.of(Alerts.threshold(NotificationType.FLOOD, SENDER, 1), null, TABLE)))
                .containsExactly("+494");
        assertThat(addresses(Recipients.of(Alerts.threshold(NotificationType.DUPLICATE, SENDER, 1), null, TABLE)))
                .containsExactly("+493", "+494");
        Alert noThreshold = Alerts.base(NotificationType.FLOOD, SENDER).build();
        assertThat(addresses(Recipients.of(noThreshold, null, TABLE))).containsExactly("+494");
    }

    @Test
    void otherTypesNeverGoToTheSenderEither() {
        Alert fileBlock = Alerts.base(NotificationType.FILE_FILTER, SENDER).setSenderNotifiable(true).build();
        assertThat(Recipients.of(fileBlock, rule(NotificationType.FILE_FILTER, true), TABLE)).isEmpty();
    }
}
