package io.mmsguard.codec.mm1;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** decode(encode(pdu)) == pdu over generated PDUs of every supported type, header subset and body shape. */
class Mm1RoundTripProperties {
    private static final int[] TYPES = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A};

    @Property(tries = 400)
    void encodeThenDecodeIsIdentity(@ForAll("pdus") MmsPdu pdu) {
        byte[] wire = Mm1Encoder.encode(pdu);
        MmsPdu back = new Mm1Decoder().decode(wire);
        assertThat(back).isEqualTo(pdu);
        assertThat(back.warnings()).isEmpty();
        assertThat(Mm1Encoder.encode(back)).isEqualTo(wire);
        assertThat(back.parts()).isEqualTo(pdu.parts());
        assertThat(wire[0] & 0xFF).isEqualTo(0x8C);
    }

    @Property(tries = 200)
    void subjectsInAnyCharsetSurvive(@ForAll("texts") String text, @ForAll("charsets") int charset) {
        EncodedString subject = charset < 0 ? EncodedString.of(text) : EncodedString.of(text, charset);
        MmsPdu pdu = MmsPdu.builder(MessageType.SEND_CONF).set(HeaderField.TRANSACTION_ID, "t")
                .set(HeaderField.MMS_VERSION, 0x93).set(HeaderField.SUBJECT, subject).build();
        MmsPdu back = new Mm1Decoder().decode(Mm1Encoder.encode(pdu));
        assertThat(back.value(HeaderField.SUBJECT)).isEqualTo(subject);
        if (text.codePoints().allMatch(cp -> Character.isDefined(cp)) && text.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            assertThat(back.subject()).isEqualTo(text);
        }
    }

    @Provide
    Arbitrary<Integer> charsets() {
        return Arbitraries.of(-1, 106, 1015, 1013, 1014);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().excludeChars('\0').ofMaxLength(40);
    }

    @Provide
    Arbitrary<MmsPdu> pdus() {
        Arbitrary<List<MmsHeader>> optional = Arbitraries.oneOf(optionalHeaders()).list().ofMaxSize(14);
        return Combinators.combine(Arbitraries.of(0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A),
                Arbitraries.strings().alpha().numeric().withChars("-._").ofMinLength(1).ofMaxLength(24).injectNull(0.2),
                Arbitraries.of(0x90, 0x91, 0x92, 0x93), optional, bodies()).as((type, tid, version, headers, body) -> {
                    MmsPdu.Builder b = new MmsPdu.Builder(type);
                    if (tid != null) {
                        b.set(HeaderField.TRANSACTION_ID, tid);
                    }
                    b.set(HeaderField.MMS_VERSION, version);
                    headers.forEach(b::add);
                    body.apply(b);
                    return b.build();
                });
    }

    /** A body shape applied to a builder. */
    interface Body {
        void apply(MmsPdu.Builder b);
    }

    private static Arbitrary<Body> bodies() {
        Arbitrary<Body> none = Arbitraries.just(b -> { });
        Arbitrary<Body> single = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                .map(data -> b -> b.singleBody(ContentType.of("text/plain").with("charset", "utf-8"), data));
        Arbitrary<Body> multi = Combinators.combine(topTypes(), parts(2).list().ofMinSize(1).ofMaxSize(4))
                .as((ct, parts) -> b -> b.multipart(ct, parts));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, none), net.jqwik.api.Tuple.of(1, single),
                net.jqwik.api.Tuple.of(4, multi));
    }

    private static Arbitrary<ContentType> topTypes() {
        return Arbitraries.of(
                ContentType.of(ContentType.MULTIPART_MIXED),
                ContentType.of(ContentType.MULTIPART_RELATED).with("type", ContentType.SMIL).with("start", "<smil>"),
                ContentType.of(ContentType.MULTIPART_RELATED).with("start", "<0.smil>").with("type", "application/smil"),
                ContentType.of("application/vnd.wap.multipart.alternative"));
    }

    private static Arbitrary<MmsPart> parts(int depth) {
        Arbitrary<ContentType> types = Arbitraries.of(ContentType.of("text/plain").with("charset", "utf-8"),
                ContentType.of("text/plain").with("charset", "us-ascii").with("name", "a.txt"),
                ContentType.of("image/jpeg").with("name", "photo.jpg"), ContentType.of("application/smil"),
                ContentType.of("audio/amr"), ContentType.of("video/3gpp").with("x-custom", "v1"),
                ContentType.of("text/x-vCard"), ContentType.of("image/png").with("charset", "4242"));
        Arbitrary<List<PartHeader>> headers = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(s -> PartHeader.contentId("<" + s + ">")),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(PartHeader::contentId),
                Arbitraries.strings().alpha().numeric().withChars("._").ofMinLength(1).ofMaxLength(16).map(PartHeader::contentLocation),
                Arbitraries.of("attachment", "inline", "form-data").map(t -> PartHeader.disposition(
                        new PartHeader.Disposition(t, List.of(new ContentType.Parameter("filename", "f.bin"))))),
                Arbitraries.just(PartHeader.textual("X-Custom", "value 1")),
                Arbitraries.just(new PartHeader(0xC9, MultipartCodec.partHeaderName(0xC9), new RawValue(new byte[] {(byte) 0x81}))))
                .list().ofMaxSize(4);
        Arbitrary<MmsPart> leaf = Combinators.combine(types, headers, Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((t, h, d) -> new MmsPart(t, h, d, List.of()));
        if (depth <= 1) {
            return leaf;
        }
        Arbitrary<MmsPart> nested = parts(depth - 1).list().ofMinSize(1).ofMaxSize(3)
                .map(children -> MmsPart.multipart(ContentType.of(ContentType.MULTIPART_MIXED), List.of(), children));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, leaf), net.jqwik.api.Tuple.of(1, nested));
    }

    private static List<Arbitrary<MmsHeader>> optionalHeaders() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
        Arbitrary<EncodedString> esv = Arbitraries.oneOf(
                Arbitraries.strings().all().excludeChars('\0').ofMaxLength(30).map(EncodedString::of),
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> EncodedString.of(s, 1015)),
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> new EncodedString(3, s.getBytes(StandardCharsets.US_ASCII))),
                Arbitraries.bytes().filter(x -> x != 0).array(byte[].class).ofMaxSize(20).map(raw -> new EncodedString(4242, raw)));
        Arbitrary<EncodedString> address = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(5).ofMaxLength(15).map(n -> EncodedString.of("+" + n + "/TYPE=PLMN")),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(n -> EncodedString.of(n + "@example.com")));
        Arbitrary<Integer> octet = Arbitraries.integers().between(0x80, 0xFF);
        Arbitrary<Long> longs = Arbitraries.longs().between(0, 1L << 40);
        Arbitrary<MmsTime> time = Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 1L << 33)).as(MmsTime::new);
        List<Arbitrary<MmsHeader>> h = new ArrayList<>();
        for (HeaderField f : List.of(HeaderField.TO, HeaderField.CC, HeaderField.BCC)) {
            h.add(address.map(a -> MmsHeader.of(f, a)));
        }
        h.add(Arbitraries.oneOf(Arbitraries.just(FromAddress.insertAddress()), address.map(FromAddress::new))
                .map(a -> MmsHeader.of(HeaderField.FROM, a)));
        for (HeaderField f : List.of(HeaderField.SUBJECT, HeaderField.RESPONSE_TEXT, HeaderField.RETRIEVE_TEXT, HeaderField.STATUS_TEXT)) {
            h.add(esv.map(v -> MmsHeader.of(f, v)));
        }
        for (HeaderField f : List.of(HeaderField.DATE, HeaderField.MESSAGE_SIZE, HeaderField.REPLY_CHARGING_SIZE)) {
            h.add(longs.map(v -> MmsHeader.of(f, v)));
        }
        h.add(longs.map(v -> MmsHeader.of(HeaderField.MESSAGE_COUNT, v)));
        for (HeaderField f : List.of(HeaderField.EXPIRY, HeaderField.DELIVERY_TIME, HeaderField.REPLY_CHARGING_DEADLINE)) {
            h.add(time.map(v -> MmsHeader.of(f, v)));
        }
        for (HeaderField f : List.of(HeaderField.PRIORITY, HeaderField.DELIVERY_REPORT, HeaderField.READ_REPORT,
                HeaderField.STATUS, HeaderField.RESPONSE_STATUS, HeaderField.RETRIEVE_STATUS, HeaderField.READ_STATUS,
                HeaderField.SENDER_VISIBILITY, HeaderField.REPORT_ALLOWED, HeaderField.CONTENT_CLASS)) {
            h.add(octet.map(v -> MmsHeader.of(f, v)));
        }
        h.add(Arbitraries.oneOf(octet.map(v -> (Object) v), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(15).map(s -> (Object) s))
                .map(v -> MmsHeader.of(HeaderField.MESSAGE_CLASS, v)));
        for (HeaderField f : List.of(HeaderField.MESSAGE_ID, HeaderField.CONTENT_LOCATION, HeaderField.APPLIC_ID, HeaderField.REPLACE_ID)) {
            h.add(ascii.map(v -> MmsHeader.of(f, v)));
        }
        h.add(Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(20).map(v -> MmsHeader.of(HeaderField.MESSAGE_ID, v)));
        h.add(Combinators.combine(Arbitraries.longs().between(0, 300), esv).as((c, v) -> MmsHeader.of(HeaderField.PREVIOUSLY_SENT_BY, new PrefixedValue(c, v))));
        h.add(Combinators.combine(Arbitraries.longs().between(0, 300), longs).as((c, v) -> MmsHeader.of(HeaderField.PREVIOUSLY_SENT_DATE, new PrefixedValue(c, v))));
        h.add(Combinators.combine(Arbitraries.of(0x80L, 0x81L, 0x82L), esv).as((c, v) -> MmsHeader.of(HeaderField.MM_FLAGS, new PrefixedValue(c, v))));
        h.add(Combinators.combine(Arbitraries.of(0x80L, 0x81L), longs).as((c, v) -> MmsHeader.of(HeaderField.MBOX_QUOTAS, new PrefixedValue(c, v))));
        h.add(Combinators.combine(Arbitraries.strings().alpha().withChars("-").ofMinLength(1).ofMaxLength(20), ascii)
                .as(MmsHeader::textual));
        h.add(Arbitraries.integers().between(0xC0, 0xFF).map(c -> new MmsHeader(c, String.format("X-Wsp-Unknown-0x%02x", c),
                new RawValue(new byte[] {0x02, 0x01, 0x02}))));
        return h;
    }

    /** Fixed examples for seeding the fuzzer. */
    static List<MmsPdu> examplePdus() {
        List<MmsPdu> out = new ArrayList<>();
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("type", ContentType.SMIL).with("start", "<smil>");
        MmsPart smil = MmsPart.of(ContentType.of(ContentType.SMIL), "smil", "smil.xml", "<smil/>".getBytes(StandardCharsets.US_ASCII));
        MmsPart text = new MmsPart(ContentType.of("text/plain").with("charset", "utf-8"),
                List.of(PartHeader.contentId("t"), PartHeader.disposition(new PartHeader.Disposition("attachment",
                        List.of(new ContentType.Parameter("filename", "t.txt")))), PartHeader.textual("Content-Transfer-Encoding", "base64")),
                "SGVsbG8=".getBytes(StandardCharsets.US_ASCII), List.of());
        out.add(MmsPdus.sendReq("s1", 0x92, FromAddress.insertAddress(), List.of("+4477/TYPE=PLMN", "a@b.c"), "Grüße", related,
                List.of(smil, text, MmsPart.multipart(ContentType.of(ContentType.MULTIPART_MIXED), List.of(), List.of(smil, text)))));
        out.add(MmsPdus.sendConf("s1", 0x92, 0xE5, "blocked", null));
        out.add(MmsPdus.notificationInd("n1", 0x92, FromAddress.of("+1/TYPE=PLMN"), "s", 0x80, 100, MmsTime.absolute(1704110400L), "http://x/y"));
        out.add(MmsPdus.retrieveConfReplacement(null, 0x93, 1, 0xE1, "no", "body"));
        out.add(MmsPdu.builder(MessageType.RETRIEVE_CONF).set(HeaderField.MMS_VERSION, 0x93)
                .add(HeaderField.PREVIOUSLY_SENT_BY, new PrefixedValue(1, EncodedString.of("+2/TYPE=PLMN")))
                .add(HeaderField.PREVIOUSLY_SENT_DATE, new PrefixedValue(1, 5L)).set(HeaderField.EXPIRY, MmsTime.relative(1))
                .add(MmsHeader.textual("X-Scanned-By", "av")).build());
        return out;
    }

    @Property(tries = 1)
    void examplesRoundTrip() {
        for (MmsPdu p : examplePdus()) {
            assertThat(new Mm1Decoder().decode(Mm1Encoder.encode(p))).isEqualTo(p);
        }
        assertThat(TYPES).hasSize(11);
    }
}
