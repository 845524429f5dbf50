package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuthorTest {

    @Test
    void theOptionWinsThenTheEnvironmentThenTheOsUser() {
        Map<String, String> env = Map.of(Author.ENV, "ops-bot");

        assertThat(Author.resolve(Optional.of("alice"), env, "root").describe())
                .isEqualTo("author: alice (from --author)");
        assertThat(Author.resolve(Optional.empty(), env, "root").describe())
                .isEqualTo("author: ops-bot (from MMSGUARD_AUTHOR)");
        assertThat(Author.resolve(Optional.of(" "), Map.of(), "root").describe())
                .isEqualTo("author: root (from the OS user)");
        assertThat(Author.resolve(Optional.empty(), Map.of(), null).name()).isEqualTo("unknown");
    }
}
