package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/** jqwik generators of MM7 models that the encoder can write (trimmed text, header-safe MIME values). */
final class Mm7Generators {

    private Mm7Generators() {
    }

    /** Element text: letters, digits, markup characters that need escaping, non-ASCII; never padded. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("&<>\"' -_.@+:é中ß€").ofMinLength(1).ofMaxLength(24).filter(s -> s.trim().equals(s));
    }

    static Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-._")
                .ofMinLength(1).ofMaxLength(16);
    }

    static Arbitrary<String> namespace() {
        return Arbitraries.of(Mm7Namespace.KNOWN);
    }

    static Arbitrary<Mm7Address> address() {
        return Combinators.combine(Arbitraries.of(Mm7Address.Kind.class), text(),
                Arbitraries.of(true, false).injectNull(0.6), Arbitraries.of("encrypted", "obfuscated").injectNull(0.8))
                .as(Mm7Address::new);
    }

    static Arbitrary<Mm7Recipients> recipients() {
        Arbitrary<List<Mm7Address>> list = address().list().ofMaxSize(3);
        return Combinators.combine(list, list, list).as(Mm7Recipients::new);
    }

    static Arbitrary<Boolean> bool() {
        return Arbitraries.of(true, false).injectNull(0.3);
    }

    static Arbitrary<MessagePart> part(int index) {
        return Combinators.combine(
                Arbitraries.of("text/plain", "image/jpeg", "image/gif", "application/smil", "application/octet-stream",
                        "audio/amr", "video/3gpp", "text/x-vcard"),
                Arbitraries.of("utf-8", "us-ascii", "iso-8859-1").injectNull(0.5),
                token().injectNull(0.5),
                token().map(t -> "p" + index + "-" + t).injectNull(0.3),
                token().map(t -> "loc" + index + t).injectNull(0.6),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000))
                .as(MessagePart::new);
    }

    /** Parts, and a Content reference naming them (sometimes directly the single part's own Content-ID). */
    record Content(List<MessagePart> parts, Mm7ContentRef ref) {
    }

    static Arbitrary<Content> content() {
        Arbitrary<List<MessagePart>> parts = Arbitraries.integers().between(0, 3).flatMap(n -> {
            List<Arbitrary<MessagePart>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(part(i));
            }
            return Combinators.combine(each).as(List::copyOf);
        });
        return Combinators.combine(parts, token(), bool(), Arbitraries.of(true, false)).as((ps, t, adapt, direct) -> {
            if (ps.isEmpty()) {
                return new Content(ps, adapt == null ? null : new Mm7ContentRef("cid:nothing-" + t, adapt));
            }
            String cid = "content-" + t;
            if (direct && ps.size() == 1) {
                MessagePart p = ps.get(0);
                ps = List.of(new MessagePart(p.contentType(), p.charset(), p.name(), cid, p.contentLocation(), p.content()));
            }
            return new Content(ps, new Mm7ContentRef("cid:" + cid, adapt));
        });
    }

    private static Arbitrary<Mm7Message.Builder> header(Mm7Operation op) {
        return Combinators.combine(namespace(), token().injectNull(0.2), Arbitraries.of(true, false),
                Arbitraries.of("5.3.0", "6.8.0", "6.7.0", "5.10.0").injectNull(0.1))
                .as((ns, tid, mu, v) -> Mm7Message.builder(op, ns).transactionId(tid)
                        .mustUnderstand(tid == null ? null : mu).mm7Version(v));
    }

    static Arbitrary<Mm7Message> submitReq() {
        return Builders.withBuilder(() -> header(Mm7Operation.SUBMIT_REQ).sample())
                .use(header(Mm7Operation.SUBMIT_REQ)).in((b, h) -> h)
                .use(text().injectNull(0.3)).in(Mm7Message.Builder::vaspId)
                .use(text().injectNull(0.3)).in(Mm7Message.Builder::vasId)
                .use(address().injectNull(0.5)).in(Mm7Message.Builder::senderAddress)
                .use(recipients().injectNull(0.1)).in(Mm7Message.Builder::recipients)
                .use(text().injectNull(0.5)).in(Mm7Message.Builder::serviceCode)
                .use(text().injectNull(0.5)).in(Mm7Message.Builder::linkedId)
                .use(Arbitraries.of("Personal", "Informational", "Advertisement", "Auto").injectNull(0.5)).in(Mm7Message.Builder::messageClass)
                .use(Arbitraries.of("2002-01-02T09:30:47-05:00", "2026-11-24T10:00:00Z").injectNull(0.5)).in(Mm7Message.Builder::timeStamp)
                .use(Arbitraries.of("P90D", "PT1H", "2002-01-02T09:30:47-05:00").injectNull(0.5)).in(Mm7Message.Builder::earliestDeliveryTime)
                .use(Arbitraries.of("P90D", "PT1H", "2030-01-01T00:00:00Z").injectNull(0.5)).in(Mm7Message.Builder::expiryDate)
                .use(bool()).in(Mm7Message.Builder::deliveryReport)
                .use(bool()).in(Mm7Message.Builder::readReply)
                .use(Arbitraries.of("Normal", "High", "Low").injectNull(0.4)).in(Mm7Message.Builder::priority)
                .use(text().injectNull(0.3)).in(Mm7Message.Builder::subject)
                .use(Arbitraries.of("Sender", "Recipient", "Both", "Neither", "ThirdParty").injectNull(0.5)).in(Mm7Message.Builder::chargedParty)
                .use(bool()).in(Mm7Message.Builder::distributionIndicator)
                .use(text().injectNull(0.7)).in(Mm7Message.Builder::applicId)
                .use(text().injectNull(0.7)).in(Mm7Message.Builder::replyApplicId)
                .use(text().injectNull(0.7)).in(Mm7Message.Builder::auxApplicInfo)
                .use(content()).in((b, c) -> b.content(c.parts()).contentRef(c.ref()))
                .build(Mm7Message.Builder::build);
    }

    static Arbitrary<Mm7Message> deliverReq() {
        return Builders.withBuilder(() -> header(Mm7Operation.DELIVER_REQ).sample())
                .use(header(Mm7Operation.DELIVER_REQ)).in((b, h) -> h)
                .use(text().injectNull(0.4)).in(Mm7Message.Builder::mmsRelayServerId)
                .use(text().injectNull(0.5)).in(Mm7Message.Builder::vaspId)
                .use(text().injectNull(0.5)).in(Mm7Message.Builder::vasId)
                .use(text().injectNull(0.5)).in(Mm7Message.Builder::linkedId)
                .use(address().injectNull(0.1)).in(Mm7Message.Builder::sender)
                .use(recipients().injectNull(0.4)).in(Mm7Message.Builder::recipients)
                .use(Arbitraries.of("2010-04-02T10:52:26Z", "2012-09-03T15:55:25.000+02:00").injectNull(0.4)).in(Mm7Message.Builder::timeStamp)
                .use(text().injectNull(0.8)).in(Mm7Message.Builder::replyChargingId)
                .use(Arbitraries.of("Normal", "High", "Low").injectNull(0.4)).in(Mm7Message.Builder::priority)
                .use(text().injectNull(0.3)).in(Mm7Message.Builder::subject)
                .use(text().injectNull(0.8)).in(Mm7Message.Builder::applicId)
                .use(Combinators.combine(text().injectNull(0.3), text().injectNull(0.3)).as(Mm7UaCapabilities::new)
                        .injectNull(0.6)).in(Mm7Message.Builder::uaCapabilities)
                .use(content()).in((b, c) -> b.content(c.parts()).contentRef(c.ref()))
                .build(Mm7Message.Builder::build);
    }
}
