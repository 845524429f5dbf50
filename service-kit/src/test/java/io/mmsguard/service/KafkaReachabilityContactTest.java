package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class KafkaReachabilityContactTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KafkaReachability.Contact contact = new KafkaReachability.Contact(Duration.ofSeconds(4), now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void notReachableUntilTheFirstAnswer() {
        contact.failed("TimeoutException: timed out");
        advance(Duration.ofSeconds(2));

        assertThat(contact.problem()).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("has not answered since start (2 s): TimeoutException: timed out"));
        assertThat(contact.answered()).as("the first answer regains contact").isTrue();
        assertThat(contact.problem()).isEmpty();
    }

    @Test
    void aFailedCheckWithinTheStaleTimeKeepsItReachableAndALongerSilenceDoesNot() {
        contact.answered();
        advance(Duration.ofSeconds(1));
        assertThat(contact.failed("DisconnectException: x")).as("first failure is reported").isTrue();
        assertThat(contact.failed("DisconnectException: x")).isFalse();
        advance(Duration.ofSeconds(3));
        assertThat(contact.problem()).as("4 s silent, at the limit").isEmpty();

        advance(Duration.ofSeconds(2));
        assertThat(contact.problem()).hasValue("has not answered for 6 s: DisconnectException: x");

        assertThat(contact.answered()).as("answer after the condition failed: regained").isTrue();
        assertThat(contact.problem()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(contact.answered()).as("a steady answer is no regain").isFalse();
    }
}
