package io.mmsguard.inspection.unpack;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The central directory of a zip held in memory: its entry names and whether any entry is encrypted. A phone's
 * unzipper lists the central directory while {@link Unpacker} reads the local headers in sequence, so the two must
 * name the same entries: a member listed only in the directory (hidden behind junk, or a local name that differs)
 * would reach the phone unscanned.
 */
final class ZipDirectory {

    /** APPNOTE: names are code page 437 unless general purpose bit 11 says UTF-8. */
    static final Charset CP437 = cp437();

    private static final int EOCD_SIZE = 22;
    private static final int CEN_SIZE = 46;

    record Entry(String name, boolean encrypted) {
    }

    static final class CorruptException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptException(String message) {
            super(message);
        }
    }

    private ZipDirectory() {
    }

    /**
     * @param maxEntries more entries than this are not read: the count alone is the answer
     * @return the entries in directory order, or at most {@code maxEntries + 1} of them
     */
    static List<Entry> read(byte[] zip, int maxEntries) throws CorruptException {
        int eocd = findEndRecord(zip);
        int total = u16(zip, eocd + 10);
        long size = u32(zip, eocd + 12);
        long offset = u32(zip, eocd + 16);
        if (total == 0xFFFF || offset == 0xFFFF_FFFFL) {
            // zip64: only needed beyond 65,535 entries or 4 GiB, far over every limit of an MMS attachment
            throw new CorruptException("zip64 directory");
        }
        if (offset + size > eocd) {
            throw new CorruptException("central directory outside the archive");
        }
        List<Entry> entries = new ArrayList<>();
        int p = (int) offset;
        for (int i = 0; i < total && entries.size() <= maxEntries; i++) {
            if (p + CEN_SIZE > eocd || u32(zip, p) != 0x02014b50L) {
                throw new CorruptException("central directory entry " + i + " missing");
            }
            int flags = u16(zip, p + 8);
            int nameLength = u16(zip, p + 28);
            int next = p + CEN_SIZE + nameLength + u16(zip, p + 30) + u16(zip, p + 32);
            if (next > eocd) {
                throw new CorruptException("central directory entry " + i + " truncated");
            }
            Charset charset = (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : CP437;
            entries.add(new Entry(new String(zip, p + CEN_SIZE, nameLength, charset), (flags & 1) != 0));
            p = next;
        }
        return entries;
    }

    private static int findEndRecord(byte[] zip) throws CorruptException {
        for (int p = zip.length - EOCD_SIZE; p >= 0 && p >= zip.length - EOCD_SIZE - 0xFFFF; p--) {
            if (u32(zip, p) == 0x06054b50L && p + EOCD_SIZE + u16(zip, p + 20) <= zip.length) {
                return p;
            }
        }
        throw new CorruptException("no end of central directory");
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (u16(b, p) | (long) u16(b, p + 2) << 16) & 0xFFFF_FFFFL;
    }

    private static Charset cp437() {
        try {
            return Charset.forName("IBM437");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
