package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** The CIDR lists of {@code mm1.msisdn.trusted-proxies} / {@code mm7.msisdn.trusted-proxies}. */
class TrustedProxiesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void blocksAndSingleAddressesMatchExactlyTheirRange() throws Exception {
        TrustedProxies t = TrustedProxies.parse("10.20.0.0/16, 192.0.2.7, 198.51.100.128/25, fd00::/8");

        assertThat(t.trusts(ip("10.20.255.1"))).isTrue();
        assertThat(t.trusts(ip("10.21.0.1"))).isFalse();
        assertThat(t.trusts(ip("192.0.2.7"))).isTrue();
        assertThat(t.trusts(ip("192.0.2.8"))).isFalse();
        assertThat(t.trusts(ip("198.51.100.128"))).isTrue();
        assertThat(t.trusts(ip("198.51.100.127"))).isFalse();
        assertThat(t.trusts(ip("fd12::1"))).isTrue();
        assertThat(t.trusts(ip("fe80::1"))).isFalse();
        assertThat(t.trusts(null)).isFalse();
    }

    @Test
    void theDefaultTrustsNoOneAndLoopbackOnlyLoopback() throws Exception {
        assertThat(TrustedProxies.parse("").trusts(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.NONE.trusts(ip("10.0.0.1"))).isFalse();
        assertThat(TrustedProxies.loopback().trusts(ip("127.0.0.1"))).isTrue();
        assertThat(TrustedProxies.loopback().trusts(ip("::1"))).isTrue();
        assertThat(TrustedProxies.loopback().trusts(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void namesAndBadPrefixesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/x");
    }
}
