package io.mmsguard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "change-me", "changeit", "password", "eleven-char", "CHANGE_ME_2026_NOW",
            "mmsguard-Password", "zzzzzzzzzzzzzzzz", "Passw0rd-123456", "replace-me-with-a-real-one"})
    void refused(String password) {
        assertThat(PasswordPolicy.problem(password)).isPresent();
        if (!password.isBlank()) {
            assertThat(PasswordPolicy.problem(password).get()).doesNotContain(password);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tnn-7Qe9x-vasp-pass", "correct horse battery staple", "Zm9vYmFyYmF6cXV4"})
    void accepted(String password) {
        assertThat(PasswordPolicy.problem(password)).isEmpty();
    }
}
