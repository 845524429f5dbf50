package io.mmsguard.service.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserInfoTest {
    @Test
    void thePasswordOfEveryUrlIsMasked() {
        assertThat(UserInfo.mask("https://user:secret@host:8081/apis")).isEqualTo("https://user:***@host:8081/apis");
        assertThat(UserInfo.mask("no registry answered at [http://a:p1@r1:8081, http://b:p%40@r2/x]: refused"))
                .isEqualTo("no registry answered at [http://a:***@r1:8081, http://b:***@r2/x]: refused");
        assertThat(UserInfo.mask("http://u:p@ss@host/")).isEqualTo("http://u:***@host/");
        assertThat(UserInfo.mask("https://ghp_token@host")).isEqualTo("https://***@host");
    }

    @Test
    void urlsWithoutUserInfoAreUnchanged() {
        assertThat(UserInfo.mask("http://registry:8080/apis/ccompat/v7?a=b@c"))
                .isEqualTo("http://registry:8080/apis/ccompat/v7?a=b@c");
        assertThat(UserInfo.mask("user@example.org from mailto")).isEqualTo("user@example.org from mailto");
    }
}
