package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static Recipients.Target admins(NotificationType type, Integer index) {
        return Recipients.Target.admins(type, MmsInterface.MM1, index);
    }

    @Test
    void virusAdminNoticeGoesToAdminsOfTheTypeOnly() {
        assertThat(Recipients.of(admins(NotificationType.VIRUS, null), rule(NotificationType.VIRUS, true), TABLE))
                .containsExactly(new Recipients.Recipient("+491", Recipients.Kind.ADMIN));
        assertThat(addresses(Recipients.of(admins(NotificationType.VIRUS, null), null, TABLE)))
                .containsExactly("+491");
    }

    @Test
    void senderNoticeGoesToTheSenderOnlyWhileTheRuleSaysSo() {
        Recipients.Target t = Recipients.Target.sender(MmsInterface.MM1, SENDER);
        assertThat(Recipients.of(t, rule(NotificationType.VIRUS, true), TABLE))
                .containsExactly(new Recipients.Recipient(SENDER, Recipients.Kind.SENDER));
        assertThat(Recipients.of(t, rule(NotificationType.VIRUS, false), TABLE)).isEmpty();
        assertThat(Recipients.of(t, null, TABLE)).isEmpty();
        NotificationRule disabled = NotificationRule.newBuilder(rule(NotificationType.VIRUS, true))
                .setEnabled(false).build();
        assertThat(Recipients.of(t, disabled, TABLE)).isEmpty();
        assertThat(Recipients.of(Recipients.Target.sender(MmsInterface.MM1, " "), rule(NotificationType.VIRUS, true),
                TABLE)).isEmpty();
    }

    @Test
    void floodAndDuplicateNeverGoToTheSender() {
        for (NotificationType type : List.of(NotificationType.FLOOD, NotificationType.DUPLICATE)) {
            Recipients.Target asSender = new Recipients.Target(type, MmsInterface.MM1, 1, true, SENDER);
            assertThat(Recipients.of(asSender, rule(type, true), TABLE)).isEmpty();
            for (int index = 1; index <= 3; index++) {
                List<Recipients.Recipient> rs = Recipients.of(admins(type, index), rule(type, true), TABLE);
                assertThat(rs).extracting(Recipients.Recipient::kind).containsOnly(Recipients.Kind.ADMIN);
                assertThat(addresses(rs)).doesNotContain(SENDER);
            }
        }
    }

    @Test
    void thresholdNoticesGoToAdminsOfThatThresholdOrType() {
        assertThat(addresses(Recipients.of(admins(NotificationType.FLOOD, 2), null, TABLE)))
                .containsExactly("+492", "+494");
        // flood-thresh-1 is only referenced for MM4; the notice is about MM1
        assertThat(addresses(Recipients.of(admins(NotificationType.FLOOD, 1), null, TABLE)))
                .containsExactly("+494");
        assertThat(addresses(Recipients.of(Recipients.Target.admins(NotificationType.FLOOD, MmsInterface.MM4, 1),
                null, TABLE))).containsExactly("+493", "+494");
        assertThat(addresses(Recipients.of(admins(NotificationType.DUPLICATE, 1), null, TABLE)))
                .containsExactly("+493", "+494");
        assertThat(addresses(Recipients.of(admins(NotificationType.FLOOD, null), null, TABLE))).containsExactly("+494");
    }

    @Test
    void otherTypesNeverGoToTheSenderEither() {
        Recipients.Target t = new Recipients.Target(NotificationType.FILE_FILTER, MmsInterface.MM1, null, true, SENDER);
        assertThat(Recipients.of(t, rule(NotificationType.FILE_FILTER, true), TABLE)).isEmpty();
        assertThat(Recipients.of(admins(NotificationType.FILE_FILTER, null), null, TABLE)).isEmpty();
    }
}
