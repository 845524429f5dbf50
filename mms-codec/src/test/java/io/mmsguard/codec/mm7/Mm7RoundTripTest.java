package io.mmsguard.codec.mm7;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** model -> encode -> decode gives the same model, for every operation the notifier and gateway write. */
class Mm7RoundTripTest {

    private final Mm7Decoder decoder = new Mm7Decoder();
    private final Mm7Encoder encoder = new Mm7Encoder();

    private Mm7Message roundTrip(Mm7Message m) {
        Mm7HttpMessage http = encoder.encode(m);
        return decoder.decode(http.body(), http.contentType());
    }

    @Provide
    Arbitrary<Mm7Message> submitReqs() {
        return Mm7Generators.submitReq();
    }

    @Provide
    Arbitrary<Mm7Message> deliverReqs() {
        return Mm7Generators.deliverReq();
    }

    @Property(tries = 400)
    void submitReqRoundTrips(@ForAll("submitReqs") Mm7Message m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Property(tries = 400)
    void deliverReqRoundTrips(@ForAll("deliverReqs") Mm7Message m) {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<Integer> codes() {
        return Arbitraries.oneOf(Arbitraries.of(Mm7StatusCode.class).map(Mm7StatusCode::code),
                Arbitraries.integers().between(1, 9999));
    }

    @Property(tries = 300)
    void submitRspForAnyStatusCodeRoundTripsInTheRequestsNamespace(@ForAll("submitReqs") Mm7Message request,
                                                                  @ForAll("codes") int code) {
        Mm7StatusCode known = Mm7StatusCode.of(code);
        Mm7Message rsp = Mm7Responses.submitRsp(request, known, "mid-" + code).toBuilder()
                .status(new Mm7Status(code, known.defaultText(), code % 3 == 0 ? "detail " + code : null)).build();
        Mm7HttpMessage http = encoder.encode(rsp);
        assertThat(new String(http.body(), StandardCharsets.UTF_8))
                .contains("<SubmitRsp xmlns=\"" + request.namespace() + "\">");
        Mm7Message parsed = decoder.decode(http.body(), http.contentType());
        assertThat(parsed).isEqualTo(rsp);
        assertThat(parsed.transactionId()).isEqualTo(request.transactionId());
        assertThat(parsed.status().code()).isEqualTo(code);
        assertThat(parsed.statusCode()).isEqualTo(known);
        assertThat(parsed.messageId()).isEqualTo(known.isSuccess() ? "mid-" + code : null);
    }

    @Property(tries = 200)
    void errorFaultsRoundTrip(@ForAll("submitReqs") Mm7Message request, @ForAll Mm7StatusCode code) {
        Mm7Message fault = Mm7Responses.rsErrorFault(request.namespace(), request.transactionId(),
                request.mm7Version(), code);
        assertThat(decoder.decode(encoder.encode(fault).body(), "text/xml")).isEqualTo(fault);
    }
}
