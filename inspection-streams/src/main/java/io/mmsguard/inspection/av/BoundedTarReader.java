package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the tar archive inside a ClamAV container, one member at a time, under limits on the member count, each
 * member's size and their total, checked from the headers before a member's content is read. Only what ClamAV
 * itself accepts in a container: regular files (type {@code 0} or NUL) with a plain name (no {@code /}), sizes in
 * octal; the archive ends at a block starting with NUL or at the end of the input. Anything else is an error
 * naming the member and its offset in the tar stream.
 */
final class BoundedTarReader {
    static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int TYPE_OFFSET = 156;
    private static final int MAGIC_OFFSET = 257;
    private static final int PREFIX_OFFSET = 345;
    private static final int PREFIX_LENGTH = 155;

    /** A member's header. */
    record Entry(String name, long size, long offset) {
    }

    private final InputStream in;
    private final int maxEntries;
    private final long maxEntryBytes;
    private final long maxTotalBytes;
    private final byte[] block = new byte[BLOCK];
    private long position;
    private int entries;
    private long total;
    /** Content bytes of the current member not yet read, then its padding to the block boundary. */
    private long remaining;
    private long padding;

    BoundedTarReader(InputStream in, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        this.in = in;
        this.maxEntries = maxEntries;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Skips what is left of the current member and reads the next header; null at the end of the archive. */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        long offset = position;
        int n = in.readNBytes(block, 0, BLOCK);
        position += n;
        if (n == 0 || block[0] == 0) {
            return null;
        }
        if (n < BLOCK) {
            throw new SignatureContainerException("tar: truncated header block at offset " + offset + " (" + n
                    + " of " + BLOCK + " bytes)");
        }
        String name = cString(block, 0, NAME_LENGTH);
        if (++entries > maxEntries) {
            throw new SignatureContainerException("tar: more than " + maxEntries + " members (limit)");
        }
        if (name.indexOf('/') >= 0 || (isUstar() && block[PREFIX_OFFSET] != 0)) {
            throw new SignatureContainerException("tar: member '" + name + "' at offset " + offset
                    + " has a path; a container holds plain file names only");
        }
        byte type = block[TYPE_OFFSET];
        if (type != '0' && type != 0) {
            throw new SignatureContainerException("tar: member '" + name + "' at offset " + offset + " has type '"
                    + (char) type + "'; a container holds regular files only");
        }
        long size = octal(name, offset);
        if (size > maxEntryBytes) {
            throw new SignatureContainerException("tar: member '" + name + "' of " + size + " bytes exceeds the limit"
                    + " of " + maxEntryBytes);
        }
        total += size;
        if (total > maxTotalBytes) {
            throw new SignatureContainerException("tar: members exceed " + maxTotalBytes + " bytes together (limit)"
                    + " at '" + name + "'");
        }
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new Entry(name, size, offset);
    }

    /** The current member's content; reading past its end returns -1, a short archive fails. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new SignatureContainerException("tar: archive ends inside a member, " + remaining
                            + " bytes short");
                }
                remaining -= n;
                position += n;
                return n;
            }
        };
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new SignatureContainerException("tar: archive ends inside a member, " + left
                            + " bytes short");
                }
                n = 1;
            }
            left -= n;
            position += n;
        }
    }

    private boolean isUstar() {
        return block[MAGIC_OFFSET] == 'u' && block[MAGIC_OFFSET + 1] == 's' && block[MAGIC_OFFSET + 2] == 't'
                && block[MAGIC_OFFSET + 3] == 'a' && block[MAGIC_OFFSET + 4] == 'r';
    }

    /** The size field: octal digits, optionally led by spaces, ended by NUL or space (base-256 sizes refused). */
    private long octal(String name, long offset) throws SignatureContainerException {
        int i = SIZE_OFFSET;
        int end = SIZE_OFFSET + SIZE_LENGTH;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long size = 0;
        int digits = 0;
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 7) {
                throw new SignatureContainerException("tar: member '" + name + "' at offset " + offset
                        + " has a size field that is not octal");
            }
            size = size * 8 + d;
            digits++;
        }
        if (digits == 0) {
            throw new SignatureContainerException("tar: member '" + name + "' at offset " + offset
                    + " has an empty size field");
        }
        return size;
    }

    private static String cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
