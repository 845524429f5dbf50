package io.mmsguard.codec.mail;

import io.mmsguard.codec.MessagePart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files uuencoded into a body ({@code begin 644 x.exe} ... {@code end}): old mailers and some MMS peers still send
 * them, and every mail client shows them as attachments, so the scanners must see them as parts of their own with
 * their file name. Decoding is as lenient as the clients' (uudecode, Outlook): a line's length character says how
 * many bytes it carries, characters are taken modulo 64, and a block without {@code end} runs to the last line that
 * looks encoded.
 */
final class UuEncoded {

    private static final Pattern BEGIN = Pattern.compile("^begin +([0-7]{3,4}) +(.+?)[ \\t]*$");

    private UuEncoded() {
    }

    /** Every uuencoded file in the text, as an {@code application/octet-stream} part named as its begin line says. */
    static List<MessagePart> extract(byte[] content) {
        List<MessagePart> out = new ArrayList<>();
        if (!contains(content, "begin ")) {
            return out;
        }
        String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = BEGIN.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            int j = i + 1;
            for (; j < lines.length && !lines[j].strip().equals("end"); j++) {
                if (!decodeLine(lines[j], file)) {
                    break;
                }
            }
            String name = new String(m.group(2).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            out.add(new MessagePart("application/octet-stream", null, name, null, null, file.toByteArray()));
            i = j;
        }
        return out;
    }

    /** One encoded line into {@code out}; false when the line is not uuencoded (the block ended without "end"). */
    private static boolean decodeLine(String line, ByteArrayOutputStream out) {
        if (line.isEmpty()) {
            return true;
        }
        int n = (line.charAt(0) - 32) & 63;
        if (line.charAt(0) < 32 || line.charAt(0) > 96) {
            return false;
        }
        int[] group = new int[4];
        int filled = 0;
        int written = 0;
        for (int i = 1; written < n; i++) {
            char c = i < line.length() ? line.charAt(i) : ' ';
            if (c < 32 || c > 96) {
                return false;
            }
            group[filled++] = (c - 32) & 63;
            if (filled == 4) {
                int[] bytes = {group[0] << 2 | group[1] >> 4, (group[1] & 15) << 4 | group[2] >> 2, (group[2] & 3) << 6 | group[3]};
                for (int b = 0; b < 3 && written < n; b++, written++) {
                    out.write(bytes[b] & 0xFF);
                }
                filled = 0;
            }
        }
        return true;
    }

    private static boolean contains(byte[] content, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (content[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
