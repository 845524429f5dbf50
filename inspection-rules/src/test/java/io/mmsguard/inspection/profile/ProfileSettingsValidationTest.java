package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.profile.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.AddressSource;
import io.mmsguard.avro.ComfortSettings;
import io.mmsguard.avro.DayOfWeek;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotifMsisdn;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationTemplate;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.avro.VirusNotificationEntry;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules for comfort, sender address, notification, administrators and the endpoint prefix: one failing value
 * each, with its path and message.
 */
class ProfileSettingsValidationTest {

    private static List<String> problems(MmsProfile p) {
        return ProfileValidator.standard().validate(p, ProfileContext.STANDALONE).stream()
                .map(ValidationProblem::toString).toList();
    }

    private static MmsProfile mm1Notification(Consumer<NotificationSettings.Builder> change) {
        NotificationSettings.Builder n = NotificationSettings.newBuilder();
        change.accept(n);
        return profile().setMm1(InterfaceSettings.newBuilder().setNotification(n.build()).build()).build();
    }

    private static MmsProfile delivery(NotificationDelivery.Builder d, boolean enabled) {
        return mm1Notification(n -> n.setDelivery(d.build()).setRules(List.of(
                NotificationRule.newBuilder().setType(NotificationType.VIRUS).setEnabled(enabled).build())));
    }

    @Nested
    class Notification {

        @Test
        void aTimeZoneJavaCannotLoadIsRefused() {
            assertThat(problems(mm1Notification(n -> n.setTimeZone("Mars/Base")))).containsExactly(
                    "mm1.notification.timeZone: \"Mars/Base\" is not a time zone (an IANA name such as Europe/Berlin,"
                            + " or an offset such as +01:00)");
            assertThat(problems(mm1Notification(n -> n.setTimeZone("Europe/Berlin")))).isEmpty();
            assertThat(problems(mm1Notification(n -> n.setTimeZone("+01:00")))).isEmpty();
        }

        @Test
        void theRateLimitIs0To250() {
            assertThat(problems(mm1Notification(n -> n.setRateLimitPerSecond(251))))
                    .containsExactly("mm1.notification.rateLimitPerSecond: 251 is outside 0-250");
            assertThat(problems(mm1Notification(n -> n.setRateLimitPerSecond(-1))))
                    .containsExactly("mm1.notification.rateLimitPerSecond: -1 is outside 0-250");
            assertThat(problems(mm1Notification(n -> n.setRateLimitPerSecond(250)))).isEmpty();
        }

        @Test
        void theWindowIsWithinTheDay() {
            assertThat(problems(mm1Notification(n -> n.setWindowStartMinute(1440).setWindowEndMinute(0))))
                    .containsExactly("mm1.notification.windowStartMinute: 1440 is outside 0-1439",
                            "mm1.notification.windowEndMinute: 0 is outside 1-1440");
            assertThat(problems(mm1Notification(n -> n.setWindowStartMinute(1320).setWindowEndMinute(360))))
                    .as("an end before the start wraps past midnight").isEmpty();
        }

        @Test
        void atLeastOneKnownDayEachOnce() {
            assertThat(problems(mm1Notification(n -> n.setAllowedDays(List.of()))))
                    .containsExactly("mm1.notification.allowedDays: no day is allowed: no notice could ever be sent");
            assertThat(problems(mm1Notification(n -> n.setAllowedDays(
                    List.of(DayOfWeek.MONDAY, DayOfWeek.UNKNOWN, DayOfWeek.MONDAY))))).containsExactly(
                    "mm1.notification.allowedDays[1]: UNKNOWN is not a known symbol",
                    "mm1.notification.allowedDays[2]: MONDAY is listed twice");
        }

        @Test
        void intervalsArePositiveAndAtMostAWeek() {
            NotificationRule.Builder r = NotificationRule.newBuilder().setType(NotificationType.FLOOD);
            assertThat(problems(mm1Notification(n -> n.setRules(List.of(r.setInterval(0).build())))))
                    .containsExactly("mm1.notification.rules[0].interval: 0 is outside 1-10080");
            assertThat(problems(mm1Notification(n -> n.setRules(List.of(
                    r.setInterval(169).setIntervalUnit(IntervalUnit.HOURS).build())))))
                    .containsExactly("mm1.notification.rules[0].interval: 169 is outside 1-168");
            assertThat(problems(mm1Notification(n -> n.setRules(List.of(
                    r.setInterval(720).setIntervalUnit(IntervalUnit.MINUTES).build()))))).isEmpty();
        }

        @Test
        void oneRuleAndOneTemplatePerKnownType() {
            NotificationRule rule = NotificationRule.newBuilder().setType(NotificationType.VIRUS).build();
            NotificationTemplate template = NotificationTemplate.newBuilder().setType(NotificationType.VIRUS)
                    .setText("virus %virus%").build();
            assertThat(problems(mm1Notification(n -> n.setRules(List.of(rule, rule,
                    NotificationRule.newBuilder().setType(NotificationType.UNKNOWN).build()))
                    .setTemplates(List.of(template, template,
                            NotificationTemplate.newBuilder().setType(NotificationType.FLOOD).setText(" ").build())))))
                    .containsExactly(
                            "mm1.notification.rules[1].type: a second rule for VIRUS; only the first is used",
                            "mm1.notification.rules[2].type: UNKNOWN is not a known symbol",
                            "mm1.notification.templates[1].type: a second template for VIRUS; only the first is used",
                            "mm1.notification.templates[2].text: must not be empty");
        }

        @Test
        void theUrlFitsTheDeliveryMethod() {
            assertThat(problems(delivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1)
                    .setMmscUrl("smtp://mmsc:25"), true)))
                    .containsExactly("mm1.notification.delivery.mmscUrl: expected http(s)://host[:port][/path]");
            assertThat(problems(delivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM4)
                    .setFromAddress("+4900").setMmscUrl("smtp://admin:secret@mmsc:25"), true)))
                    .as("the password is not quoted")
                    .containsExactly("mm1.notification.delivery.mmscUrl: expected smtp://host[:port]");
            assertThat(problems(delivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM7)
                    .setMmscUrl("http://mmsc:8080/mm7"), true))).isEmpty();
            assertThat(problems(delivery(NotificationDelivery.newBuilder().setMethod(MmsInterface.MM3)
                    .setFromAddress("alerts@mms.example").setMmscUrl("smtp://mail.example:2525"), true))).isEmpty();
        }

        @Test
        void addressesAndDomainsHaveTheirFormat() {
            assertThat(problems(delivery(NotificationDelivery.newBuilder().setFromAddress("+49 170 x")
                    .setUserDomain("mms..example").setCredentialsRef(""), false))).containsExactly(
                    "mm1.notification.delivery.credentialsRef: must not be empty; null for none",
                    "mm1.notification.delivery.fromAddress: \"+49 170 x\" is neither an MSISDN (+ and digits) nor a"
                            + " mail address",
                    "mm1.notification.delivery.userDomain: \"mms..example\" is not a domain name");
        }

        @Test
        void aMailNoticeNeedsAFromAddressOnceARuleIsEnabled() {
            NotificationDelivery.Builder mm3 = NotificationDelivery.newBuilder().setMethod(MmsInterface.MM3);
            assertThat(problems(delivery(mm3, true)))
                    .containsExactly("mm1.notification.delivery.fromAddress: a mail notice (MM3) needs a from address");
            assertThat(problems(delivery(mm3, false))).isEmpty();
        }
    }

    @Nested
    class HttpInterfaces {

        @Test
        void comfortRanges() {
            ComfortSettings bad = ComfortSettings.newBuilder().setClient(true).setIntervalSeconds(0)
                    .setAmountBytes(1025).build();
            assertThat(problems(profile().setMm7(InterfaceSettings.newBuilder().setComfort(bad).build()).build()))
                    .containsExactly("mm7.comfort.intervalSeconds: 0 is outside 1-3600",
                            "mm7.comfort.amountBytes: 1025 is outside 1-1024");
        }

        @Test
        void comfortAndSenderAddressAreMm1AndMm7Only() {
            InterfaceSettings mail = InterfaceSettings.newBuilder()
                    .setComfort(ComfortSettings.newBuilder().setClient(true).build())
                    .setSenderAddress(SenderAddressSettings.newBuilder().setName("x-msisdn").build()).build();
            assertThat(problems(profile().setMm4(mail).build())).containsExactly(
                    "mm4.comfort: applies to MM1 and MM7 only", "mm4.senderAddress: applies to MM1 and MM7 only");
            assertThat(problems(profile().setMm1(mail).setMm7(mail).build())).isEmpty();
        }

        @Test
        void theSenderAddressNameIsAHeaderOrCookieName() {
            SenderAddressSettings bad = SenderAddressSettings.newBuilder().setName("x msisdn:")
                    .setSource(AddressSource.UNKNOWN).build();
            assertThat(problems(profile().setMm1(InterfaceSettings.newBuilder().setSenderAddress(bad).build()).build()))
                    .containsExactly("mm1.senderAddress.source: UNKNOWN is not a known symbol",
                            "mm1.senderAddress.name: \"x msisdn:\" is not an HTTP header or cookie name (letters,"
                                    + " digits and !#$%&'*+.^_`|~-)");
        }
    }

    @Nested
    class Recipients {

        @Test
        void administratorsAreMsisdnsOrMailAddressesOnceEach() {
            NotifMsisdn admin = NotifMsisdn.newBuilder().setMsisdn("+491701234567").build();
            assertThat(problems(profile().setNotifMsisdn(List.of(admin, admin,
                    NotifMsisdn.newBuilder().setMsisdn("ops team").build(),
                    NotifMsisdn.newBuilder().setMsisdn("noc@mms.example")
                            .setTypes(List.of(NotificationType.FLOOD, NotificationType.FLOOD)).build())).build()))
                    .containsExactly("notifMsisdn[1].msisdn: \"+491701234567\" is listed twice",
                            "notifMsisdn[2].msisdn: \"ops team\" is neither an MSISDN (+ and digits) nor a mail"
                                    + " address",
                            "notifMsisdn[3].types[1]: FLOOD is listed twice");
        }

        @Test
        void aVirusNotificationNamesAVirus() {
            assertThat(problems(profile().setVirusNotifications(List.of(
                    VirusNotificationEntry.newBuilder().setName(" ").build())).build()))
                    .containsExactly("virusNotifications[0].name: must not be empty");
        }
    }

    @Nested
    class EndpointPrefixes {

        private MmsProfile prefix(boolean enabled, String prefix, int min, int max) {
            return profile().setEndpointPrefix(EndpointPrefix.newBuilder().setEnabled(enabled).setPrefix(prefix)
                    .setMinLength(min).setMaxLength(max).build()).build();
        }

        @Test
        void digitsWithAnOptionalPlus() {
            assertThat(problems(prefix(false, "0049-", 1, 48))).containsExactly(
                    "endpointPrefix.prefix: \"0049-\" is not an optional + and 1-8 digits, e.g. +49");
            assertThat(problems(prefix(true, "+49", 1, 48))).isEmpty();
            assertThat(problems(prefix(true, "49", 1, 48))).isEmpty();
        }

        @Test
        void requiredWhenEnabled() {
            assertThat(problems(prefix(true, "", 1, 48)))
                    .containsExactly("endpointPrefix.prefix: must not be empty when enabled");
            assertThat(problems(prefix(false, "", 1, 48))).isEmpty();
        }

        @Test
        void lengthsWithin1To48AndInOrder() {
            assertThat(problems(prefix(false, "", 0, 49))).containsExactly(
                    "endpointPrefix.minLength: 0 is outside 1-48", "endpointPrefix.maxLength: 49 is outside 1-48");
            assertThat(problems(prefix(false, "", 12, 9)))
                    .containsExactly("endpointPrefix.minLength: 12 is greater than maxLength 9");
        }
    }
}
