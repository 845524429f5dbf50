package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.mmsguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a registry URL with user-info that cannot be reached. The password must not appear in the exception
 * (message or causes) nor in the log; the user name may.
 */
class RegistryUserInfoMaskedTest {
    private static final String SECRET = "reg-s3cret-pw";

    @Test
    void anUnreachableRegistryWithUserInfoNamesItWithThePasswordMasked() {
        String dead = "http://svc-user:" + SECRET + "@127.0.0.1:" + FreePorts.next() + "/apis/ccompat/v7";
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", dead));
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Throwable thrown;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            thrown = org.assertj.core.api.Assertions.catchThrowable(client::subjects);
        } finally {
            System.setErr(stderr);
        }

        assertThat(thrown).isInstanceOf(SchemaRegistryException.Unavailable.class)
                .hasMessageContaining("svc-user:***@127.0.0.1");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("schema registry GET").doesNotContain(SECRET);
    }

    @Test
    void aMalformedRegistryUrlIsReportedWithThePasswordMasked() {
        assertThatThrownBy(() -> RegistryClientConfig.of("ftp://svc-user:" + SECRET + "@registry/"))
                .hasMessageContaining("svc-user:***@registry").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> RegistryClientConfig.of("http://svc-user:" + SECRET + "@reg istry/"))
                .hasMessageNotContaining(SECRET).hasNoCause();
    }
}
