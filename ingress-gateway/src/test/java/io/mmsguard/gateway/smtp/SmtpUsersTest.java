package io.mmsguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.mmsguard.gateway.auth.FailureBackoff;
import org.junit.jupiter.api.Test;

/** SMTP AUTH users: a failure backs off that (address, user) only, and the right password ends it. */
class SmtpUsersTest {
    private static final String PASSWORD = "portal-7Qe9x-pass";
    private final AtomicLong now = new AtomicLong();
    private final SmtpUsers users = new SmtpUsers(Map.of("portal", PASSWORD),
            new FailureBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 100, now::get));

    @Test
    void aFailureBacksOffThatAddressAndUserOnlyUntilItsTimeIsUp() {
        assertThat(users.authenticate("10.0.0.2", "portal", "guess")).isEqualTo(SmtpUsers.Outcome.REFUSED);
        assertThat(users.authenticate("10.0.0.2", "portal", PASSWORD)).as("unchecked while backing off")
                .isEqualTo(SmtpUsers.Outcome.BACKING_OFF);
        assertThat(users.authenticate("10.0.0.1", "portal", PASSWORD)).as("the user from elsewhere")
                .isEqualTo(SmtpUsers.Outcome.AUTHENTICATED);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(users.authenticate("10.0.0.2", "portal", PASSWORD)).isEqualTo(SmtpUsers.Outcome.AUTHENTICATED);
        assertThat(users.authenticate("10.0.0.2", "portal", "guess")).as("success forgot the failures")
                .isEqualTo(SmtpUsers.Outcome.REFUSED);
    }

    @Test
    void anUnknownUserOrAnEmptyNameIsRefused() {
        assertThat(users.authenticate("10.0.0.3", "nobody", PASSWORD)).isEqualTo(SmtpUsers.Outcome.REFUSED);
        assertThat(users.authenticate("10.0.0.3", "", PASSWORD)).isEqualTo(SmtpUsers.Outcome.REFUSED);
    }
}
