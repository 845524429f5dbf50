package io.mmsguard.codec.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageClass;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4MmStatus;
import io.mmsguard.codec.mm4.Mm4Priority;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4ReadStatus;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm4.Mm4RequestStatus;
import io.mmsguard.codec.mm4.Mm4SenderVisibility;
import io.mmsguard.codec.mm4.Mm4Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated MIME trees and MM4 messages survive write -> parse; remove-blocked removes exactly what it says. */
class MailRoundTripProperties {

    @Property(tries = 300)
    void mimeTreesRoundTrip(@ForAll("messages") MailMessage message) {
        byte[] bytes = MailWriter.write(message);
        MailMessage parsed = new MailParser().parse(bytes);
        assertThat(parsed.parts()).isEqualTo(message.parts());
        assertThat(shape(parsed.root())).isEqualTo(shape(message.root()));
        assertThat(parsed.headers()).isEqualTo(message.headers());
        assertThat(MailWriter.write(parsed)).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void removeBlockedLeavesTheRestAndAddsTheReplacement(@ForAll("messages") MailMessage message,
                                                         @ForAll("indexSeeds") List<Integer> seeds) {
        int n = message.parts().size();
        Set<Integer> removed = new TreeSet<>();
        seeds.forEach(s -> removed.add(s % n));
        MailMessage cleaned = BlockedPartRemover.remove(message, removed, "Removed by policy: " + removed);
        byte[] out = MailWriter.write(cleaned);
        MailMessage parsed = new MailParser().parse(out);
        List<MessagePart> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!removed.contains(i)) {
                expected.add(message.parts().get(i));
            }
        }
        expected.add(new MessagePart("text/plain", "us-ascii", null, null, null,
                ("Removed by policy: " + removed).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed.parts()).isEqualTo(expected);
        if (message.root() instanceof MultipartEntity) {
            assertThat(parsed.headers()).isEqualTo(message.headers());
        } else { // a removed single-part body takes the replacement's Content-* fields
            String[] content = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-ID", "Content-Location"};
            assertThat(parsed.headers().without(content)).isEqualTo(message.headers().without(content));
        }
        String text = new String(out, StandardCharsets.ISO_8859_1);
        for (int i : removed) {
            LeafEntity leaf = message.leaves().get(i);
            if (leaf.rawBody().length >= 12) { // shorter bodies may occur elsewhere by chance
                assertThat(text).doesNotContain(new String(leaf.rawBody(), StandardCharsets.ISO_8859_1));
            }
        }
        for (int i = 0; i < n; i++) {
            if (!removed.contains(i)) {
                assertThat(text).contains(new String(message.leaves().get(i).rawBody(), StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Property(tries = 300)
    void mm4MessagesRoundTrip(@ForAll("mm4") Mm4Message message) {
        MailMessage mail = Mm4Writer.toMail(message, MailEntities.text("body"));
        Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(MailWriter.write(mail)));
        assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
        assertThat(((Mm4ReadResult.Valid) read).message()).isEqualTo(message);
    }

    private static String shape(MailEntity e) {
        if (e instanceof MultipartEntity m) {
            return m.contentType().value() + m.children().stream().map(MailRoundTripProperties::shape).toList();
        }
        return ((LeafEntity) e).part().contentType() + "/" + ((LeafEntity) e).transferEncoding();
    }

    @Provide
    Arbitrary<List<Integer>> indexSeeds() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<MailMessage> messages() {
        Arbitrary<String> subject = Arbitraries.strings().withCharRange(' ', '~').withChars("äöüßé€😂").ofMaxLength(60);
        return Combinators.combine(entity(3), subject).as((root, subj) -> new MailMessage(MailEntities.withLeadingHeaders(root,
                List.of(HeaderField.of("From", "a@example.org"), HeaderField.of("Subject", HeaderText.encode(subj, "Subject")),
                        HeaderField.of("MIME-Version", "1.0")))));
    }

    private Arbitrary<MailEntity> entity(int depth) {
        if (depth == 0) {
            return leaf().map(l -> l);
        }
        Arbitrary<MailEntity> multipart = Combinators.combine(
                Arbitraries.of("mixed", "related", "alternative"),
                Arbitraries.lazy(() -> entity(depth - 1)).list().ofMinSize(1).ofMaxSize(4))
                .as((sub, children) -> MailEntities.multipart(sub, children, Map.of()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf().map(l -> l)), net.jqwik.api.Tuple.of(1, multipart));
    }

    private Arbitrary<LeafEntity> leaf() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars(" -_.äé中").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(70).list().ofMaxSize(6)
                .map(lines -> String.join("\r\n", lines.stream().map(l -> l.startsWith("-") ? "x" + l : l).toList())
                        .getBytes(StandardCharsets.US_ASCII));
        Arbitrary<LeafEntity> textLeaf = Combinators.combine(text, Arbitraries.of("text/plain", "text/html", "application/smil"))
                .as((c, type) -> MailEntities.leaf(new MessagePart(type, "us-ascii", null, null, null, c), TransferEncoding.SEVEN_BIT));
        Arbitrary<LeafEntity> binaryLeaf = Combinators.combine(binary, Arbitraries.of("image/jpeg", "application/octet-stream", "audio/amr"),
                        name.injectNull(0.3), token.map(t -> t + "@cid.example").injectNull(0.5), token.map(t -> t + ".bin").injectNull(0.5),
                        Arbitraries.of(TransferEncoding.BASE64, TransferEncoding.QUOTED_PRINTABLE))
                .as((c, type, n, cid, loc, enc) -> MailEntities.leaf(new MessagePart(type, null, n, cid, loc, c), enc));
        return Arbitraries.oneOf(textLeaf, binaryLeaf);
    }

    @Provide
    Arbitrary<Mm4Message> mm4() {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars(".-@").ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> msisdn = Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(15).map(d -> "+" + d + "/TYPE=PLMN");
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("äöü€").ofMinLength(1).ofMaxLength(40)
                .filter(s -> s.strip().equals(s) && !s.contains("=?") && !s.contains("  "));
        Arbitrary<ZonedDateTime> date = Arbitraries.longs().between(0, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s)
                .atZone(ZoneOffset.ofHours((int) (s % 12))));
        Arbitrary<Mm4MessageType> type = Arbitraries.of(Mm4MessageType.class);
        Arbitrary<Boolean> yn = Arbitraries.of(true, false).injectNull(0.3);
        return Combinators.combine(type, id, id, msisdn, msisdn.list().ofMinSize(1).ofMaxSize(3), text.injectNull(0.3), date, yn)
                .flatAs((t, tx, mid, from, to, subject, d, ack) -> Combinators.combine(
                        Arbitraries.of(Mm4RequestStatus.class), Arbitraries.of(Mm4MessageClass.class).injectNull(0.3),
                        Arbitraries.of(Mm4Priority.class).injectNull(0.3), Arbitraries.of(Mm4SenderVisibility.class).injectNull(0.3),
                        Arbitraries.integers().between(0, 99).injectNull(0.5), Arbitraries.of(Mm4MmStatus.class),
                        Arbitraries.of(Mm4ReadStatus.class), text.injectNull(0.5))
                        .as((status, cls, prio, vis, counter, mm, rs, statusText) -> {
                            Mm4Message.Builder b = Mm4Message.builder(t).mmsVersion("6.10.0").transactionId(tx).messageId(mid)
                                    .originatorSystem("system-user@mms.mnc010.mcc234.gprs").ackRequest(ack)
                                    .from(MailAddress.of(from)).to(to.stream().map(MailAddress::of).toList())
                                    .subject(subject).date(d).mailMessageId(mid + "@mail.example");
                            switch (t) {
                                case FORWARD_REQ -> b.messageClass(cls).priority(prio).senderVisibility(vis).forwardCounter(counter)
                                        .deliveryReport(ack).readReply(ack).expiry(counter == null ? null : String.valueOf(counter * 60))
                                        .sender(MailAddress.of(from + "@mms.mnc010.mcc234.gprs"));
                                case DELIVERY_REPORT_REQ -> b.mmStatus(mm).mmStatusText(statusText);
                                case READ_REPLY_REPORT_REQ -> b.readStatus(rs).readStatusText(statusText);
                                default -> b.requestStatus(status).statusText(statusText);
                            }
                            return b.build();
                        }));
    }
}
