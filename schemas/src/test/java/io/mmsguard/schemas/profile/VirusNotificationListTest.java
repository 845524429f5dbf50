package io.mmsguard.schemas.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.VirusNotificationEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirusNotificationListTest {

    private static VirusNotificationEntry entry(String name, boolean prefix, boolean enabled) {
        return VirusNotificationEntry.newBuilder().setName(name).setPrefix(prefix).setEnabled(enabled).build();
    }

    @Test
    void anEmptyListNotifiesEveryVirus() {
        assertThat(VirusNotificationList.listed(List.of(), "Anything")).isTrue();
        assertThat(VirusNotificationList.listed(List.of(), null)).isTrue();
    }

    @Test
    void entriesMatchExactlyOrByPrefixIgnoringCase() {
        List<VirusNotificationEntry> list = List.of(entry("Eicar-", true, true), entry("Win.Worm.Mydoom", false, true),
                entry("Off.", true, false));
        assertThat(VirusNotificationList.listed(list, "EICAR-Test-Signature")).isTrue();
        assertThat(VirusNotificationList.listed(list, "win.worm.mydoom")).isTrue();
        assertThat(VirusNotificationList.listed(list, "Win.Worm.Mydoom-1")).isFalse();
        assertThat(VirusNotificationList.listed(list, "Off.Virus")).as("disabled entry").isFalse();
        assertThat(VirusNotificationList.listed(list, null)).isFalse();
    }
}
