package io.mmsguard.codec.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mail shaped as Thunderbird, Outlook and Apple Mail write it. */
class RealClientMailTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    /** Thunderbird: multipart/mixed { multipart/alternative { text/plain QP, text/html QP }, image/jpeg base64 }. */
    static String thunderbird() {
        return String.join("\r\n",
                "Return-Path: <alice@example.org>",
                "Message-ID: <9f1c2b7e-1234-4d2a-9a57-0c0ffee00001@example.org>",
                "Date: Tue, 3 Jun 2008 11:05:30 +0200",
                "MIME-Version: 1.0",
                "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101",
                "  Thunderbird/115.6.0",
                "Content-Language: de-DE",
                "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>",
                "To: \"Bob, the builder\" <bob@example.net>, carol@example.net",
                "Cc: =?ISO-8859-1?Q?Fran=E7ois?= <francois@example.fr>",
                "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4g8J+Ygg==?=",
                "Content-Type: multipart/mixed;",
                " boundary=\"------------mx0Yt3x9kL2B8s7qWm1Z4p\"",
                "",
                "This is a multi-part message in MIME format.",
                "--------------mx0Yt3x9kL2B8s7qWm1Z4p",
                "Content-Type: multipart/alternative;",
                " boundary=\"------------alt7Pq2Rv9Xz1Bc4Dn6Fh8\"",
                "",
                "--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8",
                "Content-Type: text/plain; charset=UTF-8; format=flowed",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Gr=C3=BC=C3=9Fe, hier ist das Bild. Eine sehr lange Zeile, die weich umbro=",
                "chen wurde.",
                "",
                "--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8",
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "<html><body><p>Gr=C3=BC=C3=9Fe</p></body></html>",
                "",
                "--------------alt7Pq2Rv9Xz1Bc4Dn6Fh8--",
                "",
                "--------------mx0Yt3x9kL2B8s7qWm1Z4p",
                "Content-Type: image/jpeg; name=\"Stra=?UTF-8?Q?=C3=9F?=e.jpg\"",
                "Content-Disposition: attachment;",
                " filename*=UTF-8''Stra%C3%9Fe.jpg",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(JPEG),
                "",
                "--------------mx0Yt3x9kL2B8s7qWm1Z4p--",
                "");
    }

    /** Outlook: multipart/related with an inline image by Content-ID, ISO-8859-1 subject, RFC 2231 continuations. */
    static String outlook() {
        return String.join("\r\n",
                "From: \"Smith, John\" <john.smith@contoso.com>",
                "To: \"mms\" <+447700900456/TYPE=PLMN@mms.operator.example>",
                "Subject: =?iso-8859-1?Q?R=E9union_pr=E9vue?=",
                "Thread-Topic: =?iso-8859-1?Q?R=E9union_pr=E9vue?=",
                "Date: Wed, 4 Jun 2008 09:00:00 +0000",
                "Message-ID: <DB7PR01MB1234ABCD@DB7PR01MB1234.eurprd01.prod.exchangelabs.com>",
                "Content-Type: multipart/related;",
                "\tboundary=\"_004_DB7PR01MB1234_\";",
                "\ttype=\"multipart/alternative\"",
                "MIME-Version: 1.0",
                "",
                "--_004_DB7PR01MB1234_",
                "Content-Type: text/html; charset=\"iso-8859-1\"",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "<p>R=E9union <img src=3D\"cid:image001.png@01D8\"></p>",
                "--_004_DB7PR01MB1234_",
                "Content-Type: image/png; name=\"image001.png\"",
                "Content-Description: image001.png",
                "Content-Disposition: inline;",
                "\tfilename*0*=iso-8859-1''r%E9sum%E9;",
                "\tfilename*1=\"-long-name.png\"",
                "Content-ID: <image001.png@01D8>",
                "Content-Transfer-Encoding: base64",
                "",
                "iVBORw0KGgo=",
                "--_004_DB7PR01MB1234_--",
                "");
    }

    MailMessage parse(String s) {
        return new MailParser().parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void thunderbirdNestedAlternativeQpBase64AndEncodedWords() {
        MailMessage m = parse(thunderbird());
        assertThat(m.subject()).isEqualTo("Grüße aus München 😂");
        assertThat(m.from()).isEqualTo(new MailAddress("Jürgen Müller", "juergen@example.org"));
        assertThat(m.to()).containsExactly(new MailAddress("Bob, the builder", "bob@example.net"), MailAddress.of("carol@example.net"));
        assertThat(m.cc()).containsExactly(new MailAddress("François", "francois@example.fr"));
        assertThat(m.messageId()).isEqualTo("9f1c2b7e-1234-4d2a-9a57-0c0ffee00001@example.org");
        assertThat(m.date()).isNotNull();
        assertThat(m.date().getYear()).isEqualTo(2008);
        assertThat(m.headers().value("User-Agent")).isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101  Thunderbird/115.6.0");
        List<MessagePart> parts = m.parts();
        assertThat(parts).extracting(MessagePart::contentType).containsExactly("text/plain", "text/html", "image/jpeg");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8))
                .isEqualTo("Grüße, hier ist das Bild. Eine sehr lange Zeile, die weich umbrochen wurde.\r\n");
        assertThat(parts.get(0).charset()).isEqualTo("utf-8");
        assertThat(parts.get(2).content()).isEqualTo(JPEG);
        assertThat(parts.get(2).name()).isEqualTo("Straße.jpg");
        MultipartEntity root = (MultipartEntity) m.root();
        assertThat(new String(root.preamble(), StandardCharsets.US_ASCII)).isEqualTo("This is a multi-part message in MIME format.");
        assertThat(root.children().get(0)).isInstanceOf(MultipartEntity.class);
    }

    @Test
    void outlookRelatedWithContentIdAndRfc2231Continuations() {
        MailMessage m = parse(outlook());
        assertThat(m.subject()).isEqualTo("Réunion prévue");
        assertThat(m.to().get(0).msisdn()).isEqualTo("+447700900456");
        MessagePart img = m.parts().get(1);
        assertThat(img.contentId()).isEqualTo("image001.png@01D8");
        assertThat(img.name()).isEqualTo("résumé-long-name.png");
        assertThat(img.content()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(m.parts().get(0).charset()).isEqualTo("iso-8859-1");
        assertThat(new String(m.parts().get(0).content(), StandardCharsets.ISO_8859_1)).contains("Réunion <img src=\"cid:");
    }

    @Test
    void bareLfLineEndsParseLikeCrlf() {
        MailMessage crlf = parse(thunderbird());
        MailMessage lf = parse(thunderbird().replace("\r\n", "\n"));
        assertThat(lf.subject()).isEqualTo(crlf.subject());
        assertThat(lf.parts()).hasSize(3);
        assertThat(lf.parts().get(2).content()).isEqualTo(JPEG);
        // QP hard line breaks decode to CRLF whatever the input line end (RFC 2045 6.7)
        assertThat(lf.parts().get(1).content()).isEqualTo("<html><body><p>Grüße</p></body></html>\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Mime4j reports "--inner--CRLF--outer" and "--inner--CRLFCRLF--outer" alike; the writer emits the second
     * (Thunderbird's) form, so only that one is byte-exact. Both re-parse to the same model.
     */
    @Test
    void untouchedMessageIsWrittenBackByteForByte() {
        for (String s : List.of(thunderbird(), outlook())) {
            byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(new String(MailWriter.write(parse(s)), StandardCharsets.ISO_8859_1)).isEqualTo(s);
            assertThat(MailWriter.write(new MailParser().parse(MailWriter.write(parse(s))))).isEqualTo(in);
        }
    }

    @Test
    void removeBlockedKeepsStructureAndDropsTheBytes() {
        MailMessage m = parse(thunderbird());
        MailMessage cleaned = BlockedPartRemover.remove(m, Set.of(2), "The attachment was removed by policy.");
        byte[] out = MailWriter.write(cleaned);
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(Base64.getMimeEncoder().encodeToString(JPEG)).doesNotContain("Stra%C3%9Fe.jpg");
        assertThat(text).contains("=C3=BC=C3=9Fe, hier ist das Bild"); // QP part kept as written
        MailMessage reparsed = new MailParser().parse(out);
        assertThat(reparsed.parts()).extracting(MessagePart::contentType).containsExactly("text/plain", "text/html", "text/plain");
        assertThat(new String(reparsed.parts().get(2).content(), StandardCharsets.UTF_8)).isEqualTo("The attachment was removed by policy.");
        assertThat(reparsed.subject()).isEqualTo(m.subject());
        assertThat(((MultipartEntity) reparsed.root()).boundary()).isEqualTo("------------mx0Yt3x9kL2B8s7qWm1Z4p");
        assertThat(reparsed.headers()).isEqualTo(m.headers());
    }

    @Test
    void removingEveryLeafOfANestedMultipartDropsIt() {
        MailMessage cleaned = BlockedPartRemover.remove(parse(thunderbird()), Set.of(0, 1), "removed");
        MailMessage reparsed = new MailParser().parse(MailWriter.write(cleaned));
        assertThat(reparsed.parts()).extracting(MessagePart::contentType).containsExactly("image/jpeg", "text/plain");
        assertThat(((MultipartEntity) reparsed.root()).children()).allMatch(c -> c instanceof LeafEntity);
    }

    @Test
    void removingASinglePartBodyReplacesItAndKeepsTheMessageHeader() {
        String s = "From: a@b.example\r\nSubject: hi\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n";
        MailMessage cleaned = BlockedPartRemover.remove(parse(s), Set.of(0), "removed: zip");
        byte[] out = MailWriter.write(cleaned);
        assertThat(new String(out, StandardCharsets.US_ASCII)).doesNotContain("UEsDBA").doesNotContain("application/zip");
        MailMessage reparsed = new MailParser().parse(out);
        assertThat(reparsed.subject()).isEqualTo("hi");
        assertThat(reparsed.parts()).containsExactly(new MessagePart("text/plain", "us-ascii", null, null, null,
                "removed: zip".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void limitsAreEnforcedAndNamed() {
        DecodeLimits tight = new DecodeLimits(1 << 20, 2, 1, 5, 4096, 1, 64);
        assertThatThrownBy(() -> new MailParser(tight).parse(thunderbird().getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(LimitExceededException.class);
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        assertThatThrownBy(() -> new MailParser(tight).parse((headers + "\r\nbody").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxHeaders"));
        String longLine = "Subject: " + "x".repeat(5000) + "\r\n\r\nbody";
        assertThatThrownBy(() -> new MailParser(tight).parse(longLine.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(LimitExceededException.class);
        String recipients = "To: a@x.example, b@x.example\r\n\r\nbody";
        assertThatThrownBy(() -> new MailParser(tight).parse(recipients.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxRecipients"));
    }

    @Test
    void deepNestingIsRejected() {
        StringBuilder sb = new StringBuilder("Subject: deep\r\n");
        int depth = 20;
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nx\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("--\r\n");
        }
        assertThatThrownBy(() -> new MailParser().parse(sb.toString().getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxNestingDepth"));
    }

    @Test
    void multipartWithoutBoundaryOrPartsIsMalformed() {
        assertThatThrownBy(() -> parse("Subject: x\r\nContent-Type: multipart/mixed\r\n\r\nhello\r\n"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> parse("Subject: x\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\nhello\r\n"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("no body part");
        assertThatThrownBy(() -> parse("\r\njust a body"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("no header fields");
    }
}
