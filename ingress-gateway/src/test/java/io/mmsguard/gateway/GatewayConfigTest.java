package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "k:9092");
        m.put("serde.schema.registry.url", "http://r:8081");
        m.put("mm1.upstream", "http://mmsc:8002/mms");
        return m;
    }

    @Test
    void theOrdinalOwnsItsBlockOfReplyPartitions() {
        Map<String, String> m = base();
        m.put("gateway.ordinal", "2");
        m.put("gateway.partitions-per-gateway", "2");

        assertThat(GatewayConfig.from(Settings.of(m)).replyPartitions()).containsExactly(4, 5);
    }

    @Test
    void explicitReplyPartitionsWin() {
        Map<String, String> m = base();
        m.put("gateway.ordinal", "2");
        m.put("gateway.reply-partitions", "7, 9");

        assertThat(GatewayConfig.from(Settings.of(m)).replyPartitions()).containsExactly(7, 9);
    }

    @Test
    void defaultsAreFailSafe() {
        GatewayConfig c = GatewayConfig.from(Settings.of(base()));

        assertThat(c.replyPartitions()).containsExactly(0);
        assertThat(c.decisionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.mm1()).hasValueSatisfying(l -> {
            assertThat(l.listener().port()).isEqualTo(8080);
            assertThat(l.listener().tls()).isEmpty();
            assertThat(l.proxy().retrieveUpstream()).isEqualTo(l.proxy().upstream());
        });
        assertThat(c.mm7()).isEmpty();
    }

    @Test
    void mm7VaspCredentialsComeFromTheirOwnPrefix() {
        Map<String, String> m = base();
        m.put("mm7.enabled", "true");
        m.put("mm7.upstream", "http://mmsc:8003/mm7");
        m.put("mm7.vasp.news", "s3cret");

        assertThat(GatewayConfig.from(Settings.of(m)).mm7()).hasValueSatisfying(l ->
                assertThat(l.proxy().vaspPasswords()).containsExactly(Map.entry("news", "s3cret")));
    }

    @Test
    void missingKafkaOrUpstreamIsAConfigError() {
        Map<String, String> m = base();
        m.remove("mm1.upstream");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm1.upstream");
        Map<String, String> n = base();
        n.remove("kafka.bootstrap.servers");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(n))).hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void upstreamPoolLimitsComeFromTheirKeysAndMustBePositive() {
        Map<String, String> m = base();
        m.put("gateway.upstream-max-connections", "8");
        m.put("gateway.upstream-max-waiting", "0");
        m.put("gateway.upstream-idle-timeout", "5s");
        m.put("gateway.upstream-max-response-bytes", "1000");

        var upstream = GatewayConfig.from(Settings.of(m)).upstream();
        assertThat(upstream.maxConnections()).isEqualTo(8);
        assertThat(upstream.maxWaiting()).isZero();
        assertThat(upstream.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.maxResponseBytes()).isEqualTo(1000);
        assertThat(upstream.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.responseTimeout()).isEqualTo(Duration.ofSeconds(60));

        m.put("gateway.upstream-max-connections", "0");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.upstream-");
    }
}
