package io.mmsguard.codec.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MIME evasion families of issue 15 at the parser: every hidden executable surfaces as a part with its real
 * name and content, and whatever a receiver could read in two ways is refused. Inputs are written by hand.
 */
class MailEvasionTest {

    private static final MailParser PARSER = new MailParser();
    /** "MZ" plus a little: what the file filter's detector and name rules see. */
    private static final String MZ_BASE64 = "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAA==";

    private static byte[] mail(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MailMessage parse(String... lines) {
        return PARSER.parse(mail(lines));
    }

    private static String[] withAttachment(String... partHeaders) {
        List<String> lines = new java.util.ArrayList<>(List.of("From: a@example.org", "To: b@example.net",
                "Subject: x", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=B", "", "--B",
                "Content-Type: text/plain", "", "hi", "--B"));
        lines.addAll(List.of(partHeaders));
        lines.addAll(List.of("Content-Transfer-Encoding: base64", "", MZ_BASE64, "--B--"));
        return lines.toArray(String[]::new);
    }

    @Test
    void rfc2047AndRfc2231FileNamesAreDecoded() {
        assertThat(parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"=?UTF-8?B?eC5leGU=?=\"")).parts().get(1).name())
                .isEqualTo("x.exe");
        assertThat(parse(withAttachment("Content-Type: application/octet-stream; name=\"=?UTF-8?Q?x=2Eexe?=\""))
                .parts().get(1).name()).isEqualTo("x.exe");
        assertThat(parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename*=UTF-8''x%2Eexe")).parts().get(1).name())
                .isEqualTo("x.exe");
        assertThat(parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename*0*=UTF-8''x%2E; filename*1=\"ex\"; filename*2*=e"))
                .parts().get(1).name()).isEqualTo("x.exe");
        MessagePart exe = parse(withAttachment("Content-Type: image/jpeg",
                "Content-Disposition: attachment; filename*=UTF-8''x%2Eexe")).parts().get(1);
        assertThat(exe.content()).startsWith('M', 'Z');
    }

    @Test
    void duplicateOrConflictingHeadersAndParametersAreRefused() {
        assertThatThrownBy(() -> parse(withAttachment("Content-Type: text/plain", "Content-Type: application/x-msdownload")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("more than one Content-Type");
        assertThatThrownBy(() -> parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=a.txt", "Content-Disposition: attachment; filename=x.exe")))
                .hasMessageContaining("more than one Content-Disposition");
        assertThatThrownBy(() -> parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"a.txt\"; filename=\"x.exe\"")))
                .hasMessageContaining("conflicting").hasMessageContaining("filename");
        assertThatThrownBy(() -> parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Disposition: attachment; filename=\"a.txt\"; filename*=UTF-8''x.exe")))
                .hasMessageContaining("conflicting").hasMessageContaining("filename");
        assertThatThrownBy(() -> parse("From: a@example.org", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=A; boundary=B", "", "--A", "", "a", "--B", "", "b", "--B--", "--A--"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> parse(withAttachment("Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: 7bit")))
                .hasMessageContaining("more than one Content-Transfer-Encoding");
        // the same value twice in two forms is what RFC 6266-style senders write: readable one way only
        assertThat(parse(withAttachment("Content-Type: application/octet-stream; name=x.exe",
                "Content-Disposition: attachment; filename=\"x.exe\"; filename*=UTF-8''x.exe")).parts().get(1).name())
                .isEqualTo("x.exe");
    }

    @Test
    void aPartNamedTwiceIsScannedUnderBothNames() {
        MailMessage m = parse(withAttachment("Content-Type: application/octet-stream; name=a.txt",
                "Content-Disposition: attachment; filename=x.exe"));
        assertThat(m.parts()).extracting(MessagePart::name).containsExactly(null, "x.exe", "a.txt");
        assertThat(m.parts().get(2).content()).isSameAs(m.parts().get(1).content());
        assertThat(m.leafIndexes(List.of(2))).containsExactly(1);
        MailMessage swapped = parse(withAttachment("Content-Type: application/octet-stream; name=x.exe",
                "Content-Disposition: attachment; filename=a.txt"));
        assertThat(swapped.parts()).extracting(MessagePart::name).containsExactly(null, "a.txt", "x.exe");
    }

    @Test
    void anAttachedMailIsParsedAndItsPartsAreScannedAtAnyDepthUpToTheLimit() {
        String inner = String.join("\r\n", "From: c@example.org", "Subject: fwd", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=I", "", "--I", "Content-Type: text/plain", "", "inner",
                "--I", "Content-Type: application/octet-stream; name=\"=?UTF-8?B?eC5leGU=?=\"",
                "Content-Transfer-Encoding: base64", "", MZ_BASE64, "--I--");
        MailMessage m = parse("From: a@example.org", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=B",
                "", "--B", "Content-Type: text/plain", "", "see attached", "--B", "Content-Type: message/rfc822", "",
                inner, "--B--");
        assertThat(m.leaves()).hasSize(2);
        assertThat(m.parts()).extracting(MessagePart::contentType)
                .containsExactly("text/plain", "message/rfc822", "text/plain", "application/octet-stream");
        assertThat(m.parts().get(3).name()).isEqualTo("x.exe");
        assertThat(m.parts().get(3).content()).startsWith('M', 'Z');
        assertThat(m.leafIndexes(List.of(3, 0))).containsExactly(0, 1);
        assertThat(MailWriter.write(m)).as("written back untouched").isEqualTo(mail("From: a@example.org",
                "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=B", "", "--B", "Content-Type: text/plain",
                "", "see attached", "--B", "Content-Type: message/rfc822", "", inner, "--B--"));

        assertThat(PARSER.parse(nested(6)).parts()).extracting(MessagePart::name).contains("x.exe");
        assertThatThrownBy(() -> PARSER.parse(nested(9))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maxNestingDepth");
        assertThat(DecodeLimits.DEFAULT.maxNestingDepth()).isEqualTo(8);
    }

    /** {@code levels} mails each attached to the next, the innermost carrying x.exe. */
    private static byte[] nested(int levels) {
        String m = String.join("\r\n", "From: z@example.org", "Content-Type: application/octet-stream; name=x.exe",
                "Content-Transfer-Encoding: base64", "", MZ_BASE64);
        for (int i = 0; i < levels; i++) {
            m = String.join("\r\n", "From: z@example.org", "Content-Type: message/rfc822", "", m);
        }
        return (m + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUnreadableAttachedMailIsRefused() {
        assertThatThrownBy(() -> parse("From: a@example.org", "Content-Type: multipart/mixed; boundary=B", "", "--B",
                "Content-Type: message/rfc822", "", "Content-Type: multipart/mixed", "", "no boundary", "--B--"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void uuencodedFilesInATextBodyAreParts() {
        // "MZ" + 0x90 0x00 0x03, uuencoded by hand: length char '%' (5 bytes), then two groups
        MailMessage m = parse("From: a@example.org", "Content-Type: text/plain", "", "here it is", "",
                "begin 644 x.exe", "%35J0``,`", "`", "end", "", "bye");
        assertThat(m.parts()).hasSize(2);
        assertThat(m.parts().get(1).name()).isEqualTo("x.exe");
        assertThat(m.parts().get(1).content()).containsExactly('M', 'Z', 0x90, 0, 3);
        MailMessage cte = parse("From: a@example.org", "Content-Type: application/octet-stream; name=x.exe",
                "Content-Transfer-Encoding: x-uuencode", "", "begin 755 x.exe", "%35J0``,`", "`", "end");
        assertThat(cte.parts().get(1).content()).containsExactly('M', 'Z', 0x90, 0, 3);
    }

    @Test
    void base64WithWhitespaceAndGarbageAndQuotedPrintableSoftBreaksDecodeAsClientsDo() {
        MailMessage b64 = parse("From: a@example.org", "Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: base64", "", "TV qQ\tAA!!", "M*AAA", "AE AAAA");
        assertThat(b64.parts().get(0).content()).startsWith('M', 'Z', 0x90, 0, 3, 0, 0, 0, 4);
        assertThatThrownBy(() -> parse("From: a@example.org", "Content-Type: application/octet-stream",
                "Content-Transfer-Encoding: base64", "", "aGk=", "TVqQAAMAAAAEAAAA"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("after its padding");
        MailMessage qp = parse("From: a@example.org", "Content-Type: text/plain",
                "Content-Transfer-Encoding: quoted-printable", "", "M=", "Z=90=00=", "=03");
        assertThat(qp.parts().get(0).content()).startsWith('M', 'Z', 0x90, 0, 3);
    }

    @Test
    void fragmentsAreRecognisedWhereverTheyAre() {
        assertThat(parse("From: a@example.org", "Content-Type: message/partial; id=\"abc@example.org\"; number=1; total=2",
                "", "From: a@example.org", "Content-Type: text/plain", "", "part one").fragmented()).isTrue();
        assertThat(parse("From: a@example.org", "Content-Type: multipart/mixed; boundary=B", "", "--B",
                "Content-Type: message/partial; id=x; number=2; total=2", "", "rest", "--B--").fragmented()).isTrue();
        assertThat(parse(withAttachment("Content-Type: application/octet-stream")).fragmented()).isFalse();
    }
}
