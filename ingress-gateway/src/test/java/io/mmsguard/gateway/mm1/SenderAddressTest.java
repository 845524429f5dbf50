package io.mmsguard.gateway.mm1;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.AddressSource;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.SenderAddressSettings;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

/** Where the MSISDN comes from (A9) and how PDU addresses become per-sender keys (PROTOCOLS.md 1.10). */
class SenderAddressTest {

    private static final EndpointPrefix NO_PREFIX = EndpointPrefix.newBuilder().build();

    private static SenderAddressSettings header() {
        return SenderAddressSettings.newBuilder().build();
    }

    @Test
    void theDefaultHeaderIsXUpCallingLineIdAndItsValueIsNormalised() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Up-Calling-Line-Id", "+43 (664) 123-45");

        assertThat(SenderAddress.from(h, header(), NO_PREFIX)).hasValueSatisfying(m -> {
            assertThat(m.name()).isEqualTo("x-up-calling-line-id");
            assertThat(m.raw()).isEqualTo("+43 (664) 123-45");
            assertThat(m.normalised()).isEqualTo("+4366412345");
        });
    }

    @Test
    void theProfilesEndpointPrefixQualifiesANationalNumberInItsLengthRange() {
        EndpointPrefix austria = EndpointPrefix.newBuilder().setEnabled(true).setPrefix("+43").setMinLength(8)
                .setMaxLength(12).build();

        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("x-up-calling-line-id", "66412345"), header(),
                austria)).hasValueSatisfying(m -> {
                    assertThat(m.raw()).isEqualTo("66412345");
                    assertThat(m.normalised()).isEqualTo("+4366412345");
                });
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("x-up-calling-line-id", "4711"), header(),
                austria)).hasValueSatisfying(m -> assertThat(m.normalised()).as("a short internal number")
                .isEqualTo("+4711"));
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("x-up-calling-line-id", "+4366412345"), header(),
                austria)).hasValueSatisfying(m -> assertThat(m.normalised()).isEqualTo("+4366412345"));
    }

    @Test
    void anAbsentEmptyOrNonNumericValueIsNoMsisdn() {
        assertThat(SenderAddress.from(new DefaultHttpHeaders(), header(), NO_PREFIX)).isEmpty();
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("x-up-calling-line-id", ""), header(), NO_PREFIX))
                .isEmpty();
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("x-up-calling-line-id", "abc"), header(), NO_PREFIX))
                .isEmpty();
    }

    @Test
    void aCookieAttributeHexEncodedIsDecoded() {
        SenderAddressSettings cookie = SenderAddressSettings.newBuilder().setSource(AddressSource.COOKIE)
                .setName("clid").setConvertHex(true).build();
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "id=7f; CLID=\"2B3433363634\"; other=1");

        assertThat(SenderAddress.from(h, cookie, NO_PREFIX)).hasValueSatisfying(m -> {
            assertThat(m.raw()).isEqualTo("2B3433363634");
            assertThat(m.normalised()).isEqualTo("+43664");
        });
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("Cookie", "clid=zz"), cookie, NO_PREFIX)).isEmpty();
        assertThat(SenderAddress.from(new DefaultHttpHeaders().add("clid", "2B3433"), cookie, NO_PREFIX)).isEmpty();
    }

    @Test
    void pduAddressesNormaliseLikePerSenderKeysWant() {
        assertThat(SenderAddress.normalise("+436641234/TYPE=PLMN")).isEqualTo("+436641234");
        assertThat(SenderAddress.normalise("0123456789/type=plmn")).isEqualTo("+0123456789");
        assertThat(SenderAddress.normalise("NowMMS <NowSMS@Now.co.uk>")).isEqualTo("nowsms@now.co.uk");
        assertThat(SenderAddress.normalise("Erotik")).isEqualTo("Erotik");
        assertThat(SenderAddress.normalise("1337/TYPE=PLNM")).isEqualTo("+1337");
        assertThat(SenderAddress.normalise(null)).isEmpty();
    }

    @Test
    void theTransactionIdOfAnUndecodablePduIsReadFromItsFirstOctets() {
        byte[] quoted = {(byte) 0x8C, (byte) 0x80, (byte) 0x98, 0x7F, 'A', 'b', 0, (byte) 0x8D, (byte) 0x93, 1};
        byte[] plain = {(byte) 0x8C, (byte) 0x80, (byte) 0x98, 'T', '1', 0};
        byte[] unterminated = {(byte) 0x8C, (byte) 0x80, (byte) 0x98, 'T', '1'};

        assertThat(Mm1Answers.rawTransactionId(quoted)).isEqualTo("Ab");
        assertThat(Mm1Answers.rawVersion(quoted)).isEqualTo(0x93);
        assertThat(Mm1Answers.rawTransactionId(plain)).isEqualTo("T1");
        assertThat(Mm1Answers.rawVersion(plain)).isNull();
        assertThat(Mm1Answers.rawTransactionId(unterminated)).isNull();
        assertThat(Mm1Answers.version(0xA0)).isEqualTo(0x93);
    }
}
