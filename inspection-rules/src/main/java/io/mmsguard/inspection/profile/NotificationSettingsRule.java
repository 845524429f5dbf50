package io.mmsguard.inspection.profile;

import io.mmsguard.avro.DayOfWeek;
import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationTemplate;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Each interface's notification settings (FORTICARRIER.md 1.5): what the notifier would otherwise only discover
 * when a notice is due (a time zone it cannot load, a window out of range, an address it cannot write, a URL it
 * cannot post to) and then dead-letter, is refused here, before it is published. A second rule or template for a
 * type is refused because only the first is used.
 */
public final class NotificationSettingsRule implements ProfileRule {

    /** FortiOS rate-limit: notices per second, 0 = unlimited. */
    public static final int MAX_RATE_PER_SECOND = 250;
    /** The longest re-notification interval: a week, in either unit. */
    static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;
    static final int MAX_INTERVAL_HOURS = 7 * 24;
    static final int MINUTES_PER_DAY = 1440;

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        for (MmsInterface mmsInterface : Interfaces.ALL) {
            NotificationSettings s = Interfaces.settings(profile, mmsInterface).getNotification();
            String at = Interfaces.field(mmsInterface) + ".notification";
            rules(at + ".rules", s.getRules(), problems);
            Ranges.check(at + ".rateLimitPerSecond", s.getRateLimitPerSecond(), 0, MAX_RATE_PER_SECOND, problems);
            days(at + ".allowedDays", s.getAllowedDays(), problems);
            Ranges.check(at + ".windowStartMinute", s.getWindowStartMinute(), 0, MINUTES_PER_DAY - 1, problems);
            Ranges.check(at + ".windowEndMinute", s.getWindowEndMinute(), 1, MINUTES_PER_DAY, problems);
            zone(at + ".timeZone", s.getTimeZone(), problems);
            delivery(at + ".delivery", s.getDelivery(), s.getRules().stream().anyMatch(NotificationRule::getEnabled),
                    problems);
            templates(at + ".templates", s.getTemplates(), problems);
        }
    }

    private static void rules(String path, List<NotificationRule> rules, List<ValidationProblem> problems) {
        Set<NotificationType> seen = EnumSet.noneOf(NotificationType.class);
        for (int i = 0; i < rules.size(); i++) {
            NotificationRule r = rules.get(i);
            String at = path + "[" + i + "]";
            firstOfItsType(at, "rule", r.getType(), seen, problems);
            if (Ranges.known(at + ".intervalUnit", r.getIntervalUnit(), problems)) {
                Ranges.check(at + ".interval", r.getInterval(), 1,
                        r.getIntervalUnit() == IntervalUnit.HOURS ? MAX_INTERVAL_HOURS : MAX_INTERVAL_MINUTES,
                        problems);
            }
        }
    }

    /** Only the first rule or template of a type is used: a second one is a mistake. */
    private static void firstOfItsType(String at, String what, NotificationType type, Set<NotificationType> seen,
                                       List<ValidationProblem> problems) {
        if (Ranges.known(at + ".type", type, problems) && !seen.add(type)) {
            problems.add(new ValidationProblem(at + ".type", "a second " + what + " for " + type
                    + "; only the first is used"));
        }
    }

    private static void days(String path, List<DayOfWeek> days, List<ValidationProblem> problems) {
        if (days.isEmpty()) {
            problems.add(new ValidationProblem(path, "no day is allowed: no notice could ever be sent"));
        }
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < days.size(); i++) {
            String at = path + "[" + i + "]";
            if (Ranges.known(at, days.get(i), problems) && !seen.add(days.get(i))) {
                problems.add(new ValidationProblem(at, days.get(i) + " is listed twice"));
            }
        }
    }

    private static void zone(String path, String zone, List<ValidationProblem> problems) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            problems.add(new ValidationProblem(path, "\"" + zone
                    + "\" is not a time zone (an IANA name such as Europe/Berlin, or an offset such as +01:00)"));
        }
    }

    private static void delivery(String path, NotificationDelivery d, boolean used, List<ValidationProblem> problems) {
        boolean method = Ranges.known(path + ".method", d.getMethod(), problems);
        Ranges.known(path + ".mm7Operation", d.getMm7Operation(), problems);
        boolean mail = d.getMethod() == MmsInterface.MM3 || d.getMethod() == MmsInterface.MM4;
        if (method && d.getMmscUrl() != null) {
            url(path + ".mmscUrl", d.getMmscUrl(), mail, problems);
        }
        if (d.getCredentialsRef() != null && d.getCredentialsRef().isBlank()) {
            problems.add(new ValidationProblem(path + ".credentialsRef", "must not be empty; null for none"));
        }
        String from = d.getFromAddress();
        if (from != null && !Addresses.isMsisdnOrMail(from)) {
            problems.add(new ValidationProblem(path + ".fromAddress", "\"" + from
                    + "\" is neither an MSISDN (+ and digits) nor a mail address"));
        } else if (from == null && mail && used) {
            problems.add(new ValidationProblem(path + ".fromAddress", "a mail notice (" + d.getMethod()
                    + ") needs a from address"));
        }
        if (d.getUserDomain() != null && !Addresses.isDomain(d.getUserDomain())) {
            problems.add(new ValidationProblem(path + ".userDomain", "\"" + d.getUserDomain()
                    + "\" is not a domain name"));
        }
    }

    /** http(s)://host[:port][/path] for MM1 and MM7, smtp://host[:port] for MM3 and MM4, as the senders accept. */
    private static void url(String path, String url, boolean mail, List<ValidationProblem> problems) {
        String expected = mail ? "smtp://host[:port]" : "http(s)://host[:port][/path]";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            problems.add(new ValidationProblem(path, "is not a URI; expected " + expected));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = uri.getHost() != null && uri.getPort() <= 65535 && (mail
                ? scheme.equals("smtp") && (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/")) && uri.getRawQuery() == null && uri.getRawUserInfo() == null
                : scheme.equals("http") || scheme.equals("https"));
        if (!ok) {
            // the URL may carry a password in its user-info: never quote it
            problems.add(new ValidationProblem(path, "expected " + expected));
        }
    }

    private static void templates(String path, List<NotificationTemplate> templates, List<ValidationProblem> problems) {
        Set<NotificationType> seen = EnumSet.noneOf(NotificationType.class);
        for (int i = 0; i < templates.size(); i++) {
            NotificationTemplate t = templates.get(i);
            String at = path + "[" + i + "]";
            firstOfItsType(at, "template", t.getType(), seen, problems);
            if (t.getText() == null || t.getText().isBlank()) {
                problems.add(new ValidationProblem(at + ".text", "must not be empty"));
            }
        }
    }
}
