package io.mmsguard.inspection.av;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The header of a ClamAV database container: 512 bytes of ASCII, space-padded,
 * {@code ClamAV-VDB:build time:version:signatures:functionality level:MD5:digital signature:builder:creation time}.
 * The same line opens the container's {@code .info} member. The build time is free text (e.g.
 * {@code 06 Dec 2026 23-03 +0000}, with dashes for the time's colons); the creation time is in seconds since the epoch.
 *
 * @param md5 the MD5 of everything after the header, as 32 lower-case hex digits; empty where the field holds a
 *            placeholder ({@code X} in a {@code .cld}, whose header is copied from the {@code .info} of the
 *            {@code .cvd} it was patched from)
 */
public record CvdHeader(String buildTime, long version, long signatures, long functionalityLevel,
        Optional<String> md5, String digitalSignature, String builder, long creationSeconds) {
    public static final int SIZE = 512;
    static final String MAGIC = "ClamAV-VDB";
    private static final int FIELDS = 9;

    /** Parses the 512 header bytes of a container. */
    static CvdHeader parse(byte[] header) throws SignatureContainerException {
        String text = new String(header, 0, Math.min(header.length, SIZE), StandardCharsets.ISO_8859_1);
        int eol = indexOfAny(text, "\n\r");
        if (eol >= 0) {
            text = text.substring(0, eol);
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
            end--;
        }
        return parse(text.substring(0, end));
    }

    /** Parses a header line (a {@code .info} member's first line). */
    static CvdHeader parse(String line) throws SignatureContainerException {
        String[] f = line.split(":", -1);
        if (!f[0].equals(MAGIC)) {
            throw new SignatureContainerException("not a ClamAV database header (does not start with " + MAGIC
                    + ":)");
        }
        if (f.length != FIELDS) {
            throw new SignatureContainerException("header has " + f.length + " ':'-separated fields, expected "
                    + FIELDS + " (" + MAGIC + ":build time:version:signatures:functionality level:MD5:signature:"
                    + "builder:creation time)");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new SignatureContainerException("header has a non-printable character at " + i);
            }
        }
        String md5 = f[5].toLowerCase(java.util.Locale.ROOT);
        boolean hasMd5 = md5.length() == 32 && md5.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        return new CvdHeader(f[1], number(f[2], "version"), number(f[3], "signatures"),
                number(f[4], "functionality level"), hasMd5 ? Optional.of(md5) : Optional.empty(), f[6], f[7],
                number(f[8], "creation time"));
    }

    private static long number(String s, String field) throws SignatureContainerException {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SignatureContainerException("header field " + field + " is not a decimal number: '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the {@code .info} member's copy of the header describes the same database; ClamAV compares these four
     * fields (the MD5 and signature fields of the {@code .info} copy are placeholders, written before they were known).
     */
    boolean sameDatabaseAs(CvdHeader other) {
        return version == other.version && signatures == other.signatures
                && functionalityLevel == other.functionalityLevel && creationSeconds == other.creationSeconds;
    }
}
