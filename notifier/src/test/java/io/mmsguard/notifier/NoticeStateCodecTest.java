package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoticeStateCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");

    private static NoticeWindow.State roundTrip(NoticeWindow.State s) {
        return NoticeStateCodec.decode(NoticeStateCodec.encode(s));
    }

    @Test
    void roundTrips() {
        assertThat(roundTrip(NoticeWindow.State.EMPTY)).isEqualTo(NoticeWindow.State.EMPTY);
        assertThat(NoticeStateCodec.encode(NoticeWindow.State.EMPTY)).containsExactly(1, 0);
        NoticeWindow.State noticed = new NoticeWindow.State(T0, 0, null, null, Sample.NONE);
        assertThat(roundTrip(noticed)).isEqualTo(noticed);
        assertThat(NoticeStateCodec.encode(noticed)).hasSizeLessThanOrEqualTo(9);
        NoticeWindow.State pending = new NoticeWindow.State(T0, 499, T0.minusSeconds(3), T0.plusSeconds(3599),
                new Sample("+4917012345", "Eicar-Test-Signature", "flood-thresh-2", "60 min", "a\u00e9\uD83D\uDE00.jpg"));
        assertThat(roundTrip(pending)).isEqualTo(pending);
        NoticeWindow.State partial = new NoticeWindow.State(T0, 1, T0, T0, new Sample(null, "X", null, null, ""));
        assertThat(roundTrip(partial)).isEqualTo(partial);
        NoticeWindow.State negative = new NoticeWindow.State(Instant.ofEpochMilli(-5), 2, Instant.ofEpochMilli(-9),
                Instant.ofEpochMilli(0), Sample.NONE);
        assertThat(roundTrip(negative)).isEqualTo(negative);
    }

    @Test
    void keepsMilliseconds() {
        NoticeWindow.State s = new NoticeWindow.State(T0.plusNanos(456_789), 0, null, null, Sample.NONE);
        assertThat(roundTrip(s).lastNoticeAt()).isEqualTo(T0);
    }

    @Test
    void rejectsUnknownVersionAndMalformedBytes() {
        byte[] good = NoticeStateCodec.encode(new NoticeWindow.State(T0, 3, T0, T0, new Sample("s", null, null, null, null)));
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 2;
        assertThatThrownBy(() -> NoticeStateCodec.decode(wrongVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        for (int n = 0; n < good.length; n++) {
            byte[] truncated = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> NoticeStateCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> NoticeStateCodec.decode(trailing)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeStateCodec.decode(new byte[] {1, 2})) // pending without a notice
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeStateCodec.decode(new byte[] {1, (byte) 0x80}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeStateCodec.decode(new byte[] {1, 4, 2, (byte) 0xC3, 0x28})) // bad UTF-8
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capsLongSampleValues() {
        Sample s = new Sample("x".repeat(1000), null, null, null, null);
        assertThat(s.sender()).hasSize(Sample.MAX_LENGTH);
        NoticeWindow.State st = new NoticeWindow.State(T0, 0, null, null, s);
        assertThat(roundTrip(st)).isEqualTo(st);
    }
}
