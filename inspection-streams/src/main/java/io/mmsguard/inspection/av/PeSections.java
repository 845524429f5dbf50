package io.mmsguard.inspection.av;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections' raw data of a PE file (Windows executable), as ClamAV computes them for section hash signatures
 * ({@code .mdb}/{@code .msb}): DOS header ({@code MZ}, {@code e_lfanew} at 0x3C), {@code PE\0\0} file header,
 * optional header (PE32 or PE32+), section table. Every offset and count is checked against the content before it
 * is read; a file ClamAV would reject as a broken PE (and so not section-hash) yields no section here either.
 *
 * <p>ClamAV's rules, kept so that the section sizes and bytes hashed are the ones its signatures were made from
 * (sigtool --mdb prints them; {@code PeSectionsOracleTest} compares): a section's data starts at
 * {@code PointerToRawData} rounded down to {@code FileAlignment} and is {@code SizeOfRawData} rounded up to it,
 * cut at the end of the file; {@code FileAlignment} falls back to 0x200 when a section with data is not aligned
 * to it but is to 0x200; a section whose data starts beyond the end of the file is dropped (the file is broken when
 * it was the only one); values with the sign bit set (a size after cutting it at the end of the file), an optional header too small for its data directories, and an
 * entry point no section or the headers map to are broken files. Sections without raw data are left out.
 */
final class PeSections {
    /** A section's raw data: {@code length} bytes from {@code offset}. */
    record Range(int offset, int length) {
    }

    private static final int DOS_LFANEW = 0x3C;
    private static final int FILE_HEADER = 24;
    private static final int OPT32 = 96;
    private static final int OPT64 = 112;
    private static final int SECTION_HEADER = 40;
    private static final int FALLBACK_ALIGNMENT = 0x200;
    private static final int PE32_PLUS = 0x20b;
    private static final int MAX_DATA_DIRECTORIES = 16;

    private PeSections() {
    }

    static boolean looksLikePe(byte[] c, int length) {
        return length >= 2 && ((c[0] == 'M' && c[1] == 'Z') || (c[0] == 'Z' && c[1] == 'M'));
    }

    /** The sections with raw data, in table order; empty when the content is not a PE ClamAV would parse. */
    static List<Range> of(byte[] c, int length) {
        if (!looksLikePe(c, length) || length < DOS_LFANEW + 4) {
            return List.of();
        }
        long peAt = u32(c, DOS_LFANEW);
        if (peAt == 0 || peAt + FILE_HEADER + OPT32 > length) {
            return List.of();
        }
        int pe = (int) peAt;
        if (c[pe] != 'P' || c[pe + 1] != 'E' || c[pe + 2] != 0 || c[pe + 3] != 0) {
            return List.of();
        }
        int sectionCount = u16(c, pe + 6);
        int optSize = u16(c, pe + 20);
        if (sectionCount == 0 || optSize < OPT32) {
            return List.of();
        }
        int opt = pe + FILE_HEADER;
        boolean plus = u16(c, opt) == PE32_PLUS;
        int fixed = plus ? OPT64 : OPT32;
        if (optSize < fixed || opt + fixed > length) {
            return List.of();
        }
        long entry = u32(c, opt + 16);
        long sectionAlignment = u32(c, opt + 32);
        long fileAlignment = u32(c, opt + 36);
        long headerSize = u32(c, opt + 60);
        long directories = Math.min(MAX_DATA_DIRECTORIES, u32(c, opt + fixed - 4));
        if (optSize < fixed + 8 * directories || opt + fixed + 8 * directories > length) {
            return List.of();
        }
        long table = (long) opt + optSize;
        if (table + (long) SECTION_HEADER * sectionCount > length) {
            return List.of();
        }
        if (fileAlignment != FALLBACK_ALIGNMENT && fileAlignment != 0) {
            for (int i = 0; i < sectionCount; i++) {
                int h = (int) table + i * SECTION_HEADER;
                long pointer = u32(c, h + 20);
                if (u32(c, h + 16) != 0 && pointer % fileAlignment != 0 && pointer % FALLBACK_ALIGNMENT == 0) {
                    fileAlignment = FALLBACK_ALIGNMENT;
                    break;
                }
            }
        }
        List<long[]> kept = new ArrayList<>(); // {rva, raw, rsz}
        for (int i = 0; i < sectionCount; i++) {
            int h = (int) table + i * SECTION_HEADER;
            long virtualSize = u32(c, h + 8);
            long rvaRaw = u32(c, h + 12);
            long sizeRaw = u32(c, h + 16);
            long pointerRaw = u32(c, h + 20);
            long raw = down(pointerRaw, fileAlignment);
            long rsz = up(sizeRaw, fileAlignment);
            if (rsz != 0) {
                if (raw >= length || pointerRaw >= length) {
                    if (sectionCount == 1) {
                        return List.of();
                    }
                    continue;
                }
                rsz = Math.min(rsz, length - raw);
                sizeRaw = Math.min(sizeRaw, length - pointerRaw);
            }
            if ((rvaRaw | virtualSize | sizeRaw) >>> 31 != 0 || (rsz != 0 && pointerRaw >>> 31 != 0)) {
                return List.of();
            }
            kept.add(new long[] {down(rvaRaw, sectionAlignment), raw, rsz});
        }
        if (!entryMaps(entry, up(headerSize, sectionAlignment), kept, length)) {
            return List.of();
        }
        List<Range> out = new ArrayList<>();
        for (long[] s : kept) {
            if (s[2] > 0) {
                out.add(new Range((int) s[1], (int) s[2]));
            }
        }
        return out;
    }

    /** The entry point must lie in the headers or in a section's raw data, as ClamAV maps it to a file offset. */
    private static boolean entryMaps(long entry, long headerSize, List<long[]> sections, int length) {
        if (entry < headerSize) {
            return entry < length;
        }
        for (long[] s : sections) {
            if (s[2] != 0 && s[0] <= entry && s[2] > entry - s[0]) {
                return true;
            }
        }
        return false;
    }

    private static long down(long value, long alignment) {
        return alignment == 0 ? value : value / alignment * alignment;
    }

    private static long up(long value, long alignment) {
        return alignment == 0 ? value : (value / alignment + (value % alignment != 0 ? 1 : 0)) * alignment;
    }

    private static int u16(byte[] c, int at) {
        return (c[at] & 0xFF) | (c[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] c, int at) {
        return (c[at] & 0xFFL) | (c[at + 1] & 0xFFL) << 8 | (c[at + 2] & 0xFFL) << 16 | (c[at + 3] & 0xFFL) << 24;
    }
}
