package io.mmsguard.notifier;

import io.mmsguard.avro.IntervalUnit;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.avro.NotificationSettings;
import io.mmsguard.avro.NotificationTemplate;
import io.mmsguard.avro.NotificationType;
import java.time.Duration;
import java.util.Optional;

/** Look-ups in one interface's {@link NotificationSettings}. */
public final class NotificationRules {

    private NotificationRules() {
    }

    /** The enabled rule for {@code type}; empty when the type has no rule or it is disabled (not notified). */
    public static Optional<NotificationRule> enabledRule(NotificationSettings settings, NotificationType type) {
        return settings.getRules().stream().filter(r -> r.getType() == type && r.getEnabled()).findFirst();
    }

    /** The rule's interval; a negative one counts as zero, an UNKNOWN unit as minutes. */
    public static Duration interval(NotificationRule rule) {
        long n = Math.max(0, rule.getInterval());
        return rule.getIntervalUnit() == IntervalUnit.HOURS ? Duration.ofHours(n) : Duration.ofMinutes(n);
    }

    /** The profile's template for {@code type}, or empty for the built-in text. */
    public static Optional<NotificationTemplate> template(NotificationSettings settings, NotificationType type) {
        return settings.getTemplates().stream().filter(t -> t.getType() == type).findFirst();
    }
}
