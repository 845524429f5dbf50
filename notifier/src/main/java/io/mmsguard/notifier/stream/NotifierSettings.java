package io.mmsguard.notifier.stream;

import io.mmsguard.schemas.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * Topic names and the punctuation period of the aggregation topology.
 *
 * @param punctuation how often (wall clock) the store is swept for due periodic notices
 */
public record NotifierSettings(String alertsTopic, String profilesTopic, String noticesTopic, Duration punctuation) {

    public NotifierSettings {
        Objects.requireNonNull(alertsTopic, "alertsTopic");
        Objects.requireNonNull(profilesTopic, "profilesTopic");
        Objects.requireNonNull(noticesTopic, "noticesTopic");
        if (punctuation.isNegative() || punctuation.isZero()) {
            throw new IllegalArgumentException("punctuation period must be positive: " + punctuation);
        }
    }

    public static NotifierSettings defaults() {
        return new NotifierSettings(Topics.ALERTS, Topics.PROFILES, Topics.NOTICES, Duration.ofSeconds(1));
    }
}
