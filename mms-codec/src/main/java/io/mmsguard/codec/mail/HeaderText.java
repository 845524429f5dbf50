package io.mmsguard.codec.mail;

import io.mmsguard.codec.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/** Header value text: bytes to text, unfolding, RFC 2047 both ways, address lists and dates. */
public final class HeaderText {
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");

    private HeaderText() {
    }

    /** Header bytes as text: UTF-8 when valid (RFC 6532 senders), else ISO-8859-1 so no byte is lost. */
    static String decodeBytes(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    /** RFC 5322 unfolding: a line break followed by white space is removed; surrounding white space trimmed. */
    static String unfold(String folded) {
        if (folded.indexOf('\r') < 0 && folded.indexOf('\n') < 0) {
            return folded.strip();
        }
        return FOLD.matcher(folded).replaceAll("").replace("\r", "").replace("\n", "").strip();
    }

    /** Decodes RFC 2047 encoded-words; malformed or unknown-charset words are left as written. */
    public static String decode(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        try {
            return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return text; // a decoder failure must not turn a readable subject into a rejected message
        }
    }

    /** Encodes unstructured text (Subject, status text) as RFC 2047 words when it is not plain ASCII. */
    public static String encode(String text, String fieldName) {
        return EncoderUtil.encodeIfNecessary(text, EncoderUtil.Usage.TEXT_TOKEN, fieldName.length() + 2);
    }

    static String encodeDisplayName(String name) {
        return EncoderUtil.encodeAddressDisplayName(name);
    }

    /** Parses an address list leniently; groups are flattened; addresses without any text are dropped. */
    public static List<MailAddress> addresses(String value) {
        List<MailAddress> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(value);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("unparsable address list: " + abbreviate(value), e);
        }
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                add(out, m);
            } else if (a instanceof Group g) {
                g.getMailboxes().forEach(m -> add(out, m));
            }
        }
        return out;
    }

    private static void add(List<MailAddress> out, Mailbox m) {
        String address = m.getAddress();
        if (address == null || address.isBlank()) {
            return;
        }
        String name = m.getName();
        out.add(new MailAddress(name == null || name.isBlank() ? null : decode(name).strip(), address.strip()));
    }

    /** RFC 5322 date, tolerating a trailing comment such as {@code (CET)}; null when unparsable. */
    public static ZonedDateTime date(String value) {
        if (value == null) {
            return null;
        }
        String v = value.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " ").strip();
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String formatDate(ZonedDateTime date) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(date);
    }

    /** Removes one pair of surrounding double quotes (MM4 ids, PROTOCOLS.md 3.5). */
    public static String stripQuotes(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Removes one pair of surrounding angle brackets (Message-ID, Content-ID). */
    public static String stripAngles(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("<") && value.endsWith(">")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
