package io.mmsguard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.Decision;
import org.junit.jupiter.api.Test;

class PendingSessionsTest {

    @Test
    void saturatesAtTheHighWatermarkAndDrainsBelowTheLowOneOnce() {
        PendingSessions pending = new PendingSessions(10);
        List<String> events = new ArrayList<>();
        pending.onBackpressure(new PendingSessions.Backpressure() {
            @Override
            public void saturated() {
                events.add("saturated");
            }

            @Override
            public void drained() {
                events.add("drained");
            }
        });
        for (int i = 0; i < 12; i++) {
            pending.register("s" + i);
        }
        assertThat(events).containsExactly("saturated");
        assertThat(pending.isSaturated()).isTrue();
        assertThat(pending.size()).as("admitted over the limit, never refused").isEqualTo(12);

        for (int i = 0; i < 3; i++) {
            pending.remove("s" + i);
        }
        assertThat(events).as("9 waiting: above the low watermark of 8").containsExactly("saturated");
        pending.remove("s3");
        assertThat(events).containsExactly("saturated", "drained");
        assertThat(pending.isSaturated()).isFalse();
    }

    @Test
    void aDecisionCompletesItsSessionOnceAndAnUnknownOneIsReported() {
        PendingSessions pending = new PendingSessions(5);
        CompletableFuture<Decision> f = pending.register("a");

        assertThat(pending.complete(Envelopes.pass("a", 0))).isTrue();
        assertThat(f).isCompletedWithValueMatching(d -> d.getSessionId().equals("a"));
        assertThat(pending.complete(Envelopes.pass("a", 0))).as("already answered").isFalse();
        assertThat(pending.complete(Envelopes.pass("b", 0))).isFalse();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aSessionIdCannotWaitTwice() {
        PendingSessions pending = new PendingSessions(5);
        pending.register("a");
        assertThatThrownBy(() -> pending.register("a")).isInstanceOf(IllegalStateException.class);
    }
}
