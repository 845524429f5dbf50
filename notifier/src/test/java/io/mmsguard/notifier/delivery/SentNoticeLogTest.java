package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.LoggingSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.notifier.stream.NoticeMessage;
import org.junit.jupiter.api.Test;

/** The profile's logging.notification switch decides whether a delivered notice is a log line. */
class SentNoticeLogTest {

    private static final NoticeMessage NOTICE = new NoticeMessage("gold/MM1/VIRUS@1", NotificationType.VIRUS, "gold",
            MmsInterface.MM1, 3, "2026-11-24T10:00:00Z", "2026-11-24T10:05:00Z", "+4917099", "EICAR", null, null, null,
            false, null);

    private static MmsProfile profile(boolean logNotices) {
        return MmsProfile.newBuilder().setName("gold")
                .setLogging(LoggingSettings.newBuilder().setNotification(logNotices).build()).build();
    }

    @Test
    void onByDefaultEachDeliveredNoticeIsALine() {
        assertThat(SentNoticeLog.line(MmsProfile.newBuilder().setName("gold").build(), NOTICE, "+491701111111",
                MmsInterface.MM7, 2)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("notice gold/MM1/VIRUS@1 (VIRUS, 3 event(s), profile gold, MM1) sent to ")
                .endsWith(" over MM7 after 2 attempt(s)"));
    }

    @Test
    void offTheNoticeIsOnlyCounted() {
        assertThat(SentNoticeLog.line(profile(false), NOTICE, "+491701111111", MmsInterface.MM1, 1)).isEmpty();
        assertThat(SentNoticeLog.line(profile(true), NOTICE, "+491701111111", MmsInterface.MM1, 1)).isPresent();
    }
}
