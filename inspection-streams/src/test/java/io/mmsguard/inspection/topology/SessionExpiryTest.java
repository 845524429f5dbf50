package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The expiry judgement on an injected clock: append time + session timeout against the wall clock. */
class SessionExpiryTest {
    private static final long APPENDED = 1_700_000_000_000L;
    private final AtomicLong now = new AtomicLong(APPENDED);
    private final SessionExpiry expiry = new SessionExpiry(now::get);

    @Test
    void aSessionExpiresOnlyOnceItsWholeTimeoutHasPassedSinceTheAppend() {
        now.set(APPENDED + 4_999);
        assertThat(expiry.expired(APPENDED, 5_000L)).isFalse();
        now.set(APPENDED + 5_000);
        assertThat(expiry.expired(APPENDED, 5_000L)).as("exactly at the end: still held").isFalse();
        now.set(APPENDED + 5_001);
        assertThat(expiry.expired(APPENDED, 5_000L)).isTrue();
    }

    @Test
    void theClockIsReadAtEveryJudgement() {
        assertThat(expiry.expired(APPENDED, 1_000L)).isFalse();
        now.addAndGet(60_000);
        assertThat(expiry.expired(APPENDED, 1_000L)).isTrue();
    }

    @Test
    void anUnknownTimeoutNeverExpires() {
        now.set(Long.MAX_VALUE);
        assertThat(expiry.expired(APPENDED, null)).as("an older gateway's envelope").isFalse();
        assertThat(expiry.expired(APPENDED, -1L)).isFalse();
    }

    @Test
    void aRecordWithoutTimestampOrATimeoutBeyondAnyClockNeverExpires() {
        now.set(Long.MAX_VALUE);
        assertThat(expiry.expired(-1, 5_000L)).isFalse();
        assertThat(expiry.expired(APPENDED, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void anAppendTimeAheadOfThisInstancesClockIsFresh() {
        now.set(APPENDED - 60_000);
        assertThat(expiry.expired(APPENDED, 5_000L)).isFalse();
    }
}
