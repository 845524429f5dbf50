package io.mmsguard.inspection.decision;

import static io.mmsguard.inspection.decision.Inspections.DECIDED;
import static io.mmsguard.inspection.decision.Inspections.clean;
import static io.mmsguard.inspection.decision.Inspections.endpoint;
import static io.mmsguard.inspection.decision.Inspections.envelope;
import static io.mmsguard.inspection.decision.Inspections.hit;
import static io.mmsguard.inspection.decision.Inspections.inspection;
import static io.mmsguard.inspection.decision.Inspections.mm1;
import static io.mmsguard.inspection.decision.Inspections.noEndpoint;
import static io.mmsguard.inspection.decision.Inspections.outcome;
import static io.mmsguard.inspection.decision.Inspections.profile;
import static io.mmsguard.inspection.decision.Inspections.under;
import static io.mmsguard.inspection.decision.Inspections.virus;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.threshold.ThresholdAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

    private static List<Alert> alerts(Inspection in) {
        return AlertFactory.create(in, DecisionFactory.decide(in, DECIDED));
    }

    private static MmsProfile everyoneTellsTheSender() {
        List<NotificationRule> rules = List.of(NotificationType.values()).stream()
                .filter(t -> t != NotificationType.UNKNOWN)
                .map(t -> NotificationRule.newBuilder().setType(t).setEnabled(true).setNotifySender(true).build())
                .toList();
        return profile().setMm1(mm1().setNotification(NotificationSettings.newBuilder().setRules(rules).build())
                .build()).build();
    }

    @Test
    void cleanMessagesRaiseNothing() {
        assertThat(alerts(inspection(clean()))).isEmpty();
    }

    @Test
    void virusAlertIsSenderNotifiableOnlyWhenTheProfileAllowsIt() {
        Alert plain = alerts(inspection(virus(ContentVerdict.BLOCK, List.of()))).get(0);
        Alert allowed = alerts(inspection(envelope().build(), everyoneTellsTheSender(), noEndpoint(),
                virus(ContentVerdict.STRIP, List.of(1)), null, null)).get(0);

        assertThat(plain).isEqualTo(Alert.newBuilder().setProfile("p").setMmsInterface(MmsInterface.MM1)
                .setType(NotificationType.VIRUS).setSender("+491701").setVirusName("Eicar-Test-Signature")
                .setThreshold(null).setChecksum(null).setCount(1).setEventAt(DECIDED).setSenderNotifiable(false)
                .setSessionId("s-1").setDetail("Eicar-Test-Signature").build());
        assertThat(allowed.getType()).isEqualTo(NotificationType.VIRUS);
        assertThat(allowed.getSenderNotifiable()).isTrue();
    }

    @Test
    void floodAndDuplicateAlertAdministratorsAndNeverTheSender() {
        List<Alert> a = alerts(inspection(envelope().build(), everyoneTellsTheSender(), noEndpoint(), clean(),
                outcome(hit(1, 101, ThresholdAction.ALERT_ADMIN), hit(2, 101, ThresholdAction.LOG),
                        hit(3, 101, ThresholdAction.ALERT_ADMIN, ThresholdAction.BLOCK)),
                outcome(hit(1, 300, ThresholdAction.ALERT_ADMIN))));

        assertThat(a).extracting(Alert::getType).containsExactly(NotificationType.FLOOD, NotificationType.FLOOD,
                NotificationType.DUPLICATE);
        assertThat(a).extracting(x -> x.getThreshold().getIndex()).containsExactly(1, 3, 1);
        assertThat(a).extracting(Alert::getSenderNotifiable).containsOnly(false);
        assertThat(a).extracting(Alert::getChecksum).containsExactly(null, null, "c".repeat(64));
        assertThat(a.get(0).getDetail()).isEqualTo("flood threshold 1: 101 in 60 min > limit 100");
    }

    @Test
    void thresholdsWithoutAlertAdminRaiseNothing() {
        assertThat(alerts(inspection(envelope().build(), profile().build(), noEndpoint(), clean(),
                outcome(under(1, 5), hit(2, 101, ThresholdAction.BLOCK)), null))).isEmpty();
    }

    @Test
    void endpointBlockIsAlertedButNotToTheSender() {
        List<Alert> a = alerts(inspection(envelope().build(), everyoneTellsTheSender(),
                endpoint(EndpointAction.BLOCK, false), clean(), null, null));

        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.getType()).isEqualTo(NotificationType.ENDPOINT);
            assertThat(x.getDetail()).isEqualTo("sender +491701 matched blocklist[3] +49170* (WILDCARD, BLOCK)");
            assertThat(x.getSenderNotifiable()).isFalse();
            assertThat(x.getVirusName()).isNull();
        });
    }

    @Test
    void monitorOnlyVirusIsAlertedThoughDelivered() {
        Inspection in = inspection(envelope().build(), profile().setMm1(mm1().setMonitorOnly(true).build()).build(),
                noEndpoint(), Inspections.content(ContentVerdict.PASS, io.mmsguard.inspection.scan.Reason.NONE, null,
                        List.of(), new io.mmsguard.inspection.scan.ScanResult(
                                io.mmsguard.inspection.scan.Scanner.ANTIVIRUS,
                                io.mmsguard.inspection.scan.ScanOutcome.MATCH, "Eicar-Test-Signature", 1)),
                null, null);

        assertThat(alerts(in)).singleElement().satisfies(x -> {
            assertThat(x.getType()).isEqualTo(NotificationType.VIRUS);
            assertThat(x.getVirusName()).isEqualTo("Eicar-Test-Signature");
            assertThat(x.getSenderNotifiable()).isFalse();
        });
    }
}
