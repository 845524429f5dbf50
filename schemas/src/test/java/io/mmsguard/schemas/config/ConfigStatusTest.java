package io.mmsguard.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigStatusTest {

    @Test
    void aStatusReadsBackAsWrittenAndIsKeyedByKindNameAndInstance() {
        ConfigStatus rejected = new ConfigStatus(ConfigStatus.PROFILE, "strict", "10.0.0.7:8091", 4, false,
                Optional.of("comment: refused"), 1_000L);
        ConfigStatus inForce = new ConfigStatus(ConfigStatus.ENDPOINT_LIST, "vip", "10.0.0.7:8091", 1, true,
                Optional.empty(), 2_000L);

        assertThat(ConfigStatus.parse(rejected.toJson())).contains(rejected);
        assertThat(ConfigStatus.parse(inForce.toJson())).contains(inForce);
        assertThat(rejected.key()).isEqualTo("profile/strict/10.0.0.7:8091");
        assertThat(rejected.describe()).isEqualTo("rejected: comment: refused");
        assertThat(inForce.describe()).isEqualTo("in-force");
    }

    @Test
    void textThatIsNotAStatusIsSkipped() {
        assertThat(ConfigStatus.parse("not json")).isEmpty();
        assertThat(ConfigStatus.parse("{\"kind\":\"profile\"}")).isEmpty();
        assertThat(ConfigStatus.parse("[]")).isEmpty();
    }
}
