package io.mmsguard.notifier.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoticeStreamTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    private static Alert.Builder alert(String profile, NotificationType type) {
        return Alert.newBuilder().setProfile(profile).setMmsInterface(MmsInterface.MM4).setType(type)
                .setSender("+4917").setEventAt(T);
    }

    @Test
    void storeKeysParseBackForEveryKindOfStream() {
        Alert flood = alert("a/b", NotificationType.FLOOD).setThreshold(ThresholdCount.newBuilder()
                .setKind(ThresholdKind.FLOOD).setIndex(3).setWindowMinutes(1).setLimit(1).setCount(2)
                .setExceeded(true).build()).build();
        Alert virus = alert("a/b", NotificationType.VIRUS).setSender("x/y\0z").setVirusName("Win/Worm").build();
        for (NoticeStream s : new NoticeStream[] {NoticeStream.admin(flood), NoticeStream.admin(virus),
                NoticeStream.senderOf(virus)}) {
            assertThat(NoticeStream.parse(s.storeKey())).isEqualTo(s);
        }
        assertThat(NoticeStream.admin(flood).storeKey()).isEqualTo("a/b/MM4/FLOOD#3");
        assertThat(NoticeStream.senderOf(virus).sender()).isEqualTo("x/y\uFFFDz");
    }

    @Test
    void senderNoticeIdsArePrintableDeterministicAndDistinctPerVirus() {
        Alert virus = alert("p", NotificationType.VIRUS).setVirusName("V1").build();
        NoticeStream v1 = NoticeStream.senderOf(virus);
        NoticeStream v2 = v1.withVirus("V2");
        assertThat(v1.noticeId(T)).matches("p/MM4/VIRUS/sender-[0-9a-f]{16}@" + T.toEpochMilli())
                .isEqualTo(NoticeStream.senderOf(virus).noticeId(T)).isNotEqualTo(v2.noticeId(T));
        assertThat(NoticeStream.admin(virus).noticeId(T)).isEqualTo("p/MM4/VIRUS@" + T.toEpochMilli());
    }

    @Test
    void malformedKeysAreRejected() {
        assertThatThrownBy(() -> NoticeStream.parse("no-slashes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeStream.parse("p/MM1/VIRUS\0only-sender"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeStream.parse("p/MM9/VIRUS")).isInstanceOf(IllegalArgumentException.class);
    }
}
