package io.mmsguard.testkit.clamav;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small PE files by hand: DOS header, PE file header, optional header (PE32 or PE32+) with 16 data
 * directories, a section table and each section's raw data at its aligned file offset. The defaults make a file
 * Windows' loader and ClamAV accept; the setters make the broken variants a parser must survive. Used by the
 * section hash tests (inspection-streams) and the antivirus agreement benchmark.
 */
public final class PeFiles {
    public static final int LFANEW = 0x40;

    private final List<byte[]> sections = new ArrayList<>();
    private boolean plus;
    private int fileAlignment = 0x200;
    private int sectionAlignment = 0x1000;
    private Integer entryPoint;
    private final List<int[]> rawOverrides = new ArrayList<>(); // {section, pointer, size}
    private int truncateTo = -1;

    public static PeFiles of(byte[]... sectionData) {
        PeFiles p = new PeFiles();
        p.sections.addAll(List.of(sectionData));
        return p;
    }

    public PeFiles pe32Plus() {
        this.plus = true;
        return this;
    }

    public PeFiles fileAlignment(int a) {
        this.fileAlignment = a;
        return this;
    }

    public PeFiles entryPoint(int rva) {
        this.entryPoint = rva;
        return this;
    }

    /** Writes these PointerToRawData / SizeOfRawData into section {@code index}'s header instead of the real ones. */
    public PeFiles rawData(int index, int pointer, int size) {
        rawOverrides.add(new int[] {index, pointer, size});
        return this;
    }

    public PeFiles truncateTo(int length) {
        this.truncateTo = length;
        return this;
    }

    /** Where section {@code index}'s data starts in the built file. */
    public int rawOffset(int index) {
        int at = headersSize();
        for (int i = 0; i < index; i++) {
            at += align(sections.get(i).length, fileAlignment);
        }
        return at;
    }

    /**
     * Section {@code index}'s raw data as a well-formed file built here holds it and ClamAV hashes it: the data,
     * zero-padded to the file alignment.
     */
    public byte[] sectionRaw(int index) {
        byte[] d = sections.get(index);
        return java.util.Arrays.copyOf(d, align(d.length, fileAlignment));
    }

    private int optionalHeaderSize() {
        return (plus ? 112 : 96) + 16 * 8;
    }

    private int headersSize() {
        int end = LFANEW + 24 + optionalHeaderSize() + 40 * sections.size();
        return align(end, fileAlignment);
    }

    public byte[] build() {
        int headers = headersSize();
        int total = rawOffset(sections.size());
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3C, LFANEW);
        int pe = LFANEW;
        b.put(pe, (byte) 'P').put(pe + 1, (byte) 'E');
        b.putShort(pe + 4, (short) (plus ? 0x8664 : 0x14c));
        b.putShort(pe + 6, (short) sections.size());
        b.putShort(pe + 20, (short) optionalHeaderSize());
        b.putShort(pe + 22, (short) (plus ? 0x0022 : 0x0102));
        int opt = pe + 24;
        b.putShort(opt, (short) (plus ? 0x20b : 0x10b));
        b.putInt(opt + 16, entryPoint != null ? entryPoint : sectionAlignment);
        b.putInt(opt + 32, sectionAlignment);
        b.putInt(opt + 36, fileAlignment);
        int vsize = sectionAlignment;
        for (byte[] s : sections) {
            vsize += align(Math.max(1, s.length), sectionAlignment);
        }
        b.putInt(opt + 56, vsize);
        b.putInt(opt + 60, headers);
        b.putShort(opt + 68, (short) 2);
        b.putInt(opt + (plus ? 108 : 92), 16);
        int table = opt + optionalHeaderSize();
        int rva = sectionAlignment;
        for (int i = 0; i < sections.size(); i++) {
            byte[] data = sections.get(i);
            int h = table + 40 * i;
            byte[] name = (".s" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int k = 0; k < name.length; k++) {
                b.put(h + k, name[k]);
            }
            b.putInt(h + 8, Math.max(1, data.length));
            b.putInt(h + 12, rva);
            b.putInt(h + 16, align(data.length, fileAlignment));
            b.putInt(h + 20, rawOffset(i));
            b.putInt(h + 36, 0x60000020);
            for (int[] o : rawOverrides) {
                if (o[0] == i) {
                    b.putInt(h + 20, o[1]);
                    b.putInt(h + 16, o[2]);
                }
            }
            b.put(rawOffset(i), data);
            rva += align(Math.max(1, data.length), sectionAlignment);
        }
        byte[] out = b.array();
        return truncateTo >= 0 ? java.util.Arrays.copyOf(out, truncateTo) : out;
    }

    private static int align(int v, int a) {
        return a == 0 ? v : (v + a - 1) / a * a;
    }
}
