package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.EndpointPrefix;
import org.junit.jupiter.api.Test;

class EndpointPrefixesTest {

    private static final EndpointPrefix GERMANY = EndpointPrefix.newBuilder().setEnabled(true).setPrefix("+49")
            .setMinLength(10).setMaxLength(11).build();

    @Test
    void aNationalNumberWithinTheRangeGetsThePrefix() {
        assertThat(EndpointPrefixes.apply(GERMANY, "1701234567")).isEqualTo("+491701234567");
        assertThat(EndpointPrefixes.apply(GERMANY, "17012345678")).isEqualTo("+4917012345678");
    }

    @Test
    void shortInternalNumbersAndLongOnesStayAsTheyAre() {
        assertThat(EndpointPrefixes.apply(GERMANY, "4711")).isEqualTo("4711");
        assertThat(EndpointPrefixes.apply(GERMANY, "491701234567")).isEqualTo("491701234567");
    }

    @Test
    void anInternationalNumberOrANonNumberIsNeverPrefixed() {
        assertThat(EndpointPrefixes.apply(GERMANY, "+1701234567")).isEqualTo("+1701234567");
        assertThat(EndpointPrefixes.apply(GERMANY, "abcdefghij")).isEqualTo("abcdefghij");
    }

    @Test
    void disabledDoesNothing() {
        EndpointPrefix off = EndpointPrefix.newBuilder(GERMANY).setEnabled(false).build();
        assertThat(EndpointPrefixes.apply(off, "1701234567")).isEqualTo("1701234567");
    }
}
