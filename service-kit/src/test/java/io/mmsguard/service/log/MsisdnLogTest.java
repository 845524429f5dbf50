package io.mmsguard.service.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

class MsisdnLogTest {
    private static final ConfigKeys KEYS = ConfigKeys.builder().logging().build();
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashedKeepsTheTypeAndDomainAndHidesTheNumber() {
        MsisdnLog log = MsisdnLog.hashed(KEY);

        String number = log.format("+4917012345");
        String mail = log.format("+4917012345/TYPE=PLMN@mms.example.org");

        assertThat(number).matches("h:[0-9a-f]{12}").doesNotContain("4917012345");
        assertThat(mail).isEqualTo(number + "/TYPE=PLMN@mms.example.org");
        assertThat(MsisdnLog.hashed(KEY).format("+4917012345")).as("same key, same hash").isEqualTo(number);
        assertThat(MsisdnLog.hashed("another key, 16+ chars".getBytes(StandardCharsets.US_ASCII))
                .format("+4917012345")).isNotEqualTo(number);
    }

    @Test
    void theHashIsTheDocumentedHmac() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("+4917012345".getBytes(
                StandardCharsets.UTF_8))).substring(0, 12);

        assertThat(MsisdnLog.hashed(KEY).format("+4917012345")).isEqualTo("h:" + expected);
    }

    @Test
    void plainIsOnlyMadeSafe() {
        assertThat(MsisdnLog.plain().format("+4917\r\n012345")).isEqualTo("+4917\\r\\n012345");
    }

    @Test
    void theModeAndKeyComeFromTheSettings() {
        Settings plain = Settings.load(Optional.empty(), Map.of("MMSGUARD_LOGGING_MSISDN", "plain"), KEYS);
        Settings keyed = Settings.load(Optional.empty(), Map.of("MMSGUARD_LOGGING_MSISDN_KEY",
                new String(KEY, StandardCharsets.US_ASCII)), KEYS);
        Settings bad = Settings.load(Optional.empty(), Map.of("MMSGUARD_LOGGING_MSISDN", "sha1"), KEYS);

        assertThat(MsisdnLog.from(plain).format("+4917012345")).isEqualTo("+4917012345");
        assertThat(MsisdnLog.from(keyed).format("+4917012345")).isEqualTo(MsisdnLog.hashed(KEY).format("+4917012345"));
        assertThat(MsisdnLog.from(Settings.load(Optional.empty(), Map.of(), KEYS)).format("+4917012345"))
                .as("default: hashed").startsWith("h:");
        assertThatThrownBy(() -> MsisdnLog.from(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.msisdn");
    }
}
