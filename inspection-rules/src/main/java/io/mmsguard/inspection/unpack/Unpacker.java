package io.mmsguard.inspection.unpack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks zip and gzip attachments, archives inside them included, so that every member can be scanned (as FortiOS
 * and ClamAV do). Only the JDK's inflaters, reading in streams with hard byte caps: the sizes an archive declares are
 * never trusted, so a bomb stops at the first {@link UnpackLimits limit} it crosses, after at most one buffer more.
 * Pure and thread-safe.
 *
 * <p>A zip is read twice over: its central directory (what a phone's unzipper lists) and its local entries in
 * sequence (what is inflated). They must name the same entries in the same order, or the archive is CORRUPT: an entry
 * the sequence does not reach would otherwise reach the phone unscanned.
 */
public final class Unpacker {

    private static final int BUFFER = 8192;

    private final UnpackLimits limits;

    public Unpacker(UnpackLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param name    what the attachment is called in evidence (its file name, or {@code part 3})
     * @param content the attachment's decoded bytes
     */
    public Unpacked unpack(String name, byte[] content) {
        return unpack(name, content, 0);
    }

    /**
     * @param alreadyInflated bytes inflated from the message's earlier attachments: the total size limit is the
     *                        message's, so that many attachments each under it cannot add up past it
     */
    public Unpacked unpack(String name, byte[] content, long alreadyInflated) {
        PackedFormat format = PackedFormat.of(content);
        if (format == PackedFormat.NONE) {
            return Unpacked.notPacked();
        }
        Run run = new Run(content.length, alreadyInflated);
        try {
            run.unpack(name, content, format, 1);
            return new Unpacked(format, run.members, null, null, null);
        } catch (Stop stop) {
            return new Unpacked(format, run.members, stop.problem, stop.where, stop.getMessage());
        }
    }

    /** Why a run ended early; thrown across the levels of nesting, never out of {@link #unpack}. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UnpackProblem problem;
        private final String where;

        Stop(UnpackProblem problem, String where, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
            this.where = where;
        }
    }

    /** The counts of one attachment, all levels together. */
    private final class Run {
        private final long ownSize;
        private final long before;
        private final List<UnpackedMember> members = new ArrayList<>();
        private int entries;
        private long inflated;

        Run(long ownSize, long before) {
            this.ownSize = Math.max(1, ownSize);
            this.before = before;
        }

        /** Unpacks {@code content} (at {@code path}), whose members are at {@code depth}. */
        void unpack(String path, byte[] content, PackedFormat format, int depth) {
            if (depth > limits.maxDepth()) {
                throw new Stop(UnpackProblem.DEPTH, path, "nested more than " + limits.maxDepth() + " deep");
            }
            switch (format) {
                case ZIP -> zip(path, content, depth);
                case GZIP -> gzip(path, content, depth);
                case NONE -> throw new IllegalArgumentException("not an archive: " + path);
            }
        }

        private void zip(String path, byte[] content, int depth) {
            List<ZipDirectory.Entry> directory;
            try {
                directory = ZipDirectory.read(content, limits.maxEntries());
            } catch (ZipDirectory.CorruptException e) {
                throw new Stop(UnpackProblem.CORRUPT, path, e.getMessage());
            }
            if (entries + directory.size() > limits.maxEntries()) {
                throw new Stop(UnpackProblem.ENTRIES, path, "more than " + limits.maxEntries() + " entries");
            }
            for (ZipDirectory.Entry e : directory) {
                if (e.encrypted()) {
                    throw new Stop(UnpackProblem.ENCRYPTED, path, "entry " + e.name());
                }
            }
            List<String> read = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(content), ZipDirectory.CP437)) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    entry(path);
                    read.add(entry.getName());
                    String memberPath = path + "!/" + entry.getName();
                    byte[] data = inflate(in, memberPath);
                    if (!entry.isDirectory() || data.length > 0) {
                        member(memberPath, baseName(entry.getName()), depth, data);
                    }
                }
            } catch (ZipException e) {
                // the JDK's words for an encrypted local header the directory did not flag
                boolean encrypted = String.valueOf(e.getMessage()).contains("encrypted");
                throw new Stop(encrypted ? UnpackProblem.ENCRYPTED : UnpackProblem.CORRUPT, path, e.getMessage());
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: a name flagged UTF-8 that is not
                throw new Stop(UnpackProblem.CORRUPT, path, String.valueOf(e.getMessage()));
            }
            List<String> listed = directory.stream().map(ZipDirectory.Entry::name).toList();
            if (!read.equals(listed)) {
                throw new Stop(UnpackProblem.CORRUPT, path,
                        "central directory lists " + listed + ", the entries are " + read);
            }
        }

        private void gzip(String path, byte[] content, int depth) {
            entry(path);
            String name = gzipName(path, content);
            String memberPath = path + "!/" + name;
            byte[] data;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content), BUFFER)) {
                data = inflate(in, memberPath);
            } catch (IOException e) {
                throw new Stop(UnpackProblem.CORRUPT, path, String.valueOf(e.getMessage()));
            }
            member(memberPath, name, depth, data);
        }

        private void entry(String path) {
            if (++entries > limits.maxEntries()) {
                throw new Stop(UnpackProblem.ENTRIES, path, "more than " + limits.maxEntries() + " entries");
            }
        }

        private void member(String path, String name, int depth, byte[] data) {
            members.add(new UnpackedMember(path, name, depth, data));
            PackedFormat nested = PackedFormat.of(data);
            if (nested != PackedFormat.NONE) {
                unpack(path, data, nested, depth + 1);
            }
        }

        /** Reads one member, counting every inflated byte against the limits as it arrives. */
        private byte[] inflate(InputStream in, String path) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[BUFFER];
            long own = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                own += n;
                inflated += n;
                if (inflated > UnpackLimits.RATIO_FLOOR_BYTES && inflated > limits.maxRatio() * ownSize) {
                    throw new Stop(UnpackProblem.RATIO, path, "more than " + limits.maxRatio() + " times the "
                            + ownSize + " bytes of the attachment");
                }
                if (own > limits.maxMemberBytes()) {
                    throw new Stop(UnpackProblem.MEMBER_SIZE, path, "more than " + limits.maxMemberBytes() + " bytes");
                }
                if (before + inflated > limits.maxTotalBytes()) {
                    throw new Stop(UnpackProblem.TOTAL_SIZE, path,
                            "more than " + limits.maxTotalBytes() + " bytes in the message");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    static String baseName(String entryName) {
        String trimmed = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    /**
     * The name the gzip header carries (RFC 1952 FNAME), else the container's name without {@code .gz}: a phone
     * saves the member under the header's name, so that is what the file filter must see.
     */
    static String gzipName(String path, byte[] gz) {
        String header = headerName(gz);
        if (header != null && !baseName(header).isEmpty()) {
            return baseName(header);
        }
        String own = baseName(path.substring(path.lastIndexOf("!/") + 1));
        String lower = own.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return own.substring(0, own.length() - 4) + ".tar";
        }
        for (String suffix : List.of(".gz", ".gzip", "-gz", ".z")) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return own.substring(0, own.length() - suffix.length());
            }
        }
        return own;
    }

    private static String headerName(byte[] gz) {
        if (gz.length < 10 || (gz[3] & 0x08) == 0) {
            return null;
        }
        int p = 10;
        if ((gz[3] & 0x04) != 0) {
            if (p + 2 > gz.length) {
                return null;
            }
            p += 2 + ((gz[p] & 0xFF) | (gz[p + 1] & 0xFF) << 8);
        }
        for (int end = p; end < gz.length && end < p + 1024; end++) {
            if (gz[end] == 0) {
                return new String(gz, p, end - p, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
