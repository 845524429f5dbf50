package io.mmsguard.inspection.av;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds ClamAV database containers by hand, byte by byte (header, tar, gzip), for tests that need containers
 * sigtool would not write: broken ones, uncompressed ones, ones over a limit. sigtool --info / --unpack accept the
 * well-formed ones (ContainerTest checks that), so the layout here is ClamAV's, not only ours.
 */
final class Containers {
    static final String BUILD_TIME = "06 Dec 2026 12-00 +0000";
    static final long CREATED = 1796558400L;

    private final Map<String, byte[]> members = new LinkedHashMap<>();
    private long version = 7;
    private long signatures = 1;
    private boolean gzip = true;
    private boolean withInfo = true;
    private boolean md5InHeader = true;
    private final Map<String, byte[]> infoOverrides = new LinkedHashMap<>();
    private final List<String> unlisted = new ArrayList<>();
    private String infoHeaderOverride;

    static Containers of() {
        Containers c = new Containers();
        c.members.put("COPYING", "Signatures for tests of mmsguard.\n".getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    Containers member(String name, String text) {
        return member(name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Containers member(String name, byte[] content) {
        members.put(name, content);
        return this;
    }

    Containers version(long v) {
        this.version = v;
        return this;
    }

    Containers signatures(long n) {
        this.signatures = n;
        return this;
    }

    /** A tar as stored, starting with COPYING, as freshclam writes an uncompressed .cld. */
    Containers uncompressed() {
        this.gzip = false;
        return this;
    }

    Containers withoutInfo() {
        this.withInfo = false;
        return this;
    }

    Containers withoutMd5() {
        this.md5InHeader = false;
        return this;
    }

    /** The .info lists {@code name} with this content's size and SHA-256 instead of the member's own. */
    Containers infoDescribes(String name, byte[] content) {
        infoOverrides.put(name, content);
        return this;
    }

    Containers notInInfo(String name) {
        unlisted.add(name);
        return this;
    }

    Containers infoHeader(String line) {
        this.infoHeaderOverride = line;
        return this;
    }

    String headerLine(String md5) {
        return CvdHeader.MAGIC + ":" + BUILD_TIME + ":" + version + ":" + signatures + ":150:" + md5 + ":X:mmsguard:"
                + CREATED;
    }

    byte[] build() {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        boolean first = true;
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            tarEntry(tar, m.getKey(), m.getValue());
            if (first && withInfo) {
                tarEntry(tar, "test.info", info());
            }
            first = false;
        }
        tar.writeBytes(new byte[1024]);
        byte[] body = gzip ? gzip(tar.toByteArray()) : tar.toByteArray();
        String md5 = md5InHeader ? HexFormat.of().formatHex(digest("MD5", body)) : "X";
        byte[] header = new byte[CvdHeader.SIZE];
        java.util.Arrays.fill(header, (byte) ' ');
        byte[] line = headerLine(md5).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, header, 0, line.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private byte[] info() {
        StringBuilder sb = new StringBuilder(infoHeaderOverride != null ? infoHeaderOverride : headerLine("X"))
                .append('\n');
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            if (m.getKey().equals("COPYING") || unlisted.contains(m.getKey())) {
                continue;
            }
            byte[] described = infoOverrides.getOrDefault(m.getKey(), m.getValue());
            sb.append(m.getKey()).append(':').append(described.length).append(':')
                    .append(HexFormat.of().formatHex(digest("SHA-256", described))).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A ustar header (with its checksum, so that GNU tar and sigtool accept it), the content, the padding. */
    static void tarEntry(ByteArrayOutputStream tar, String name, byte[] content) {
        tar.writeBytes(tarHeader(name, content.length, (byte) '0'));
        tar.writeBytes(content);
        tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    static byte[] tarHeader(String name, long size, byte type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", CREATED));
        h[156] = type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
