package io.mmsguard.notifier;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import java.time.Instant;
import java.util.Objects;

/**
 * One notice to send: {@code count} events of {@code type} on {@code mmsInterface} under {@code profile}, between
 * {@code firstEventAt} and {@code lastEventAt}, quoting {@code sample} (the last of them).
 */
public record Notice(NotificationType type, String profile, MmsInterface mmsInterface, long count,
                     Instant firstEventAt, Instant lastEventAt, Sample sample) {

    public Notice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(mmsInterface, "mmsInterface");
        Objects.requireNonNull(firstEventAt, "firstEventAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        if (count < 1) {
            throw new IllegalArgumentException("a notice counts at least one event: " + count);
        }
        sample = sample == null ? Sample.NONE : sample;
    }

    public static Notice of(NotificationType type, String profile, MmsInterface mmsInterface,
                            NoticeWindow.Emission emission) {
        return new Notice(type, profile, mmsInterface, emission.count(), emission.firstEventAt(),
                emission.lastEventAt(), emission.sample());
    }
}
