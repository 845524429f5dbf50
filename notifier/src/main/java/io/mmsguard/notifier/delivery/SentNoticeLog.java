package io.mmsguard.notifier.delivery;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.notifier.stream.NoticeMessage;
import io.mmsguard.service.log.MsisdnLog;
import java.util.Optional;

/**
 * The log line of a delivered notice, written when the profile's {@code logging.notification} is on (FortiOS
 * mms-notification-log: the notification messages sent). The count is a metric either way
 * ({@code mmsguard.notifier.notices.sent}); the switch only decides whether each notice is also a log line.
 */
final class SentNoticeLog {

    private SentNoticeLog() {
    }

    /** The line to log at INFO, or empty when the profile does not log notices. */
    static Optional<String> line(MmsProfile profile, NoticeMessage notice, String recipient, MmsInterface method,
                                 int attempts) {
        if (!profile.getLogging().getNotification()) {
            return Optional.empty();
        }
        return Optional.of("notice " + notice.noticeId() + " (" + notice.type() + ", " + notice.count()
                + " event(s), profile " + notice.profile() + ", " + notice.mmsInterface() + ") sent to "
                + MsisdnLog.of(recipient) + " over " + method + " after " + attempts + " attempt(s)");
    }
}
