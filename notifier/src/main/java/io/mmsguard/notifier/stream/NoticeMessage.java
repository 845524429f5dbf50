package io.mmsguard.notifier.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.Sample;
import java.time.Instant;

/**
 * One notice on the internal topic between the notifier's aggregation and delivery stages (mms.notices). It is
 * JSON written and read only by the notifier, <b>not a contract</b>: no schema in the registry, free to change
 * together with both stages.
 *
 * @param noticeId       {@link NoticeStream#noticeId}: deterministic from the stored state; the MM1 Transaction-ID,
 *                       MM7 TransactionID and MM4 X-Mms-Transaction-ID are built from it
 * @param toSender       a notice for the infected sender (named in {@code sender}), not for administrators
 * @param thresholdIndex the FLOOD/DUPLICATE threshold (1-3) the notice is about, else null; administrators
 *                       subscribed to single thresholds are matched by it
 * @param firstEventAt   ISO-8601 instant of the first event counted
 * @param lastEventAt    ISO-8601 instant of the last event counted
 */
public record NoticeMessage(String noticeId, NotificationType type, String profile,
                            @JsonProperty("interface") MmsInterface mmsInterface, long count,
                            String firstEventAt, String lastEventAt, String sender, String virus,
                            String threshold, String window, String detail, boolean toSender,
                            Integer thresholdIndex) {

    static NoticeMessage of(NoticeStream stream, Instant emittedAt, Notice n) {
        Sample s = n.sample();
        return new NoticeMessage(stream.noticeId(emittedAt), n.type(), n.profile(), n.mmsInterface(),
                n.count(), n.firstEventAt().toString(), n.lastEventAt().toString(),
                stream.toSender() ? stream.sender() : s.sender(), s.virus(), s.threshold(), s.window(), s.detail(),
                stream.toSender(), stream.thresholdIndex());
    }

    /** Back to the core's {@link Notice} (for the delivery stage). */
    public Notice toNotice() {
        return new Notice(type, profile, mmsInterface, count, Instant.parse(firstEventAt),
                Instant.parse(lastEventAt), new Sample(sender, virus, threshold, window, detail));
    }

    /** Who the notice is for ({@link io.mmsguard.notifier.Recipients}). */
    public Recipients.Target target() {
        return toSender ? Recipients.Target.sender(mmsInterface, sender)
                : Recipients.Target.admins(type, mmsInterface, thresholdIndex);
    }
}
