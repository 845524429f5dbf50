package io.mmsguard.inspection.av;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a ClamAV database container ({@code .cvd}, {@code .cld}, {@code .cud}): a 512-byte {@link CvdHeader}, then a
 * tar archive, gzip-compressed unless it starts with its {@code COPYING} member (a {@code .cld} that freshclam wrote
 * uncompressed). The members are signature files named by their format's extension, a {@code COPYING} and an
 * {@code .info} ({@link ContainerInfo}).
 *
 * <p>Integrity, as far as it can be checked without ClamAV's key:
 * <ul>
 *   <li>{@code .cvd}: the header's MD5 must be that of every byte after the header (a truncated or altered
 *       download fails here). {@code .cud} (unsigned, as {@code sigtool --unsigned --build} writes): the same when
 *       the header carries an MD5. {@code .cld}: not checked, since freshclam writes a {@code .cld} with the header
 *       of the {@code .cvd} it patched, whose MD5 no longer describes the content.</li>
 *   <li>Every container: the {@code .info} member must be there, describe the same database as the header
 *       (version, signature count, functionality level, creation time), and list every signature file of the
 *       container with its exact size and SHA-256.</li>
 *   <li>Not checked: the digital signatures (the header's and the {@code .info}'s {@code DSIG}), which need ClamAV's
 *       public key and are what makes a database official. freshclam verifies them before it installs a
 *       container in the database directory; the built-in engine trusts that directory as it trusts plain
 *       signature files there.</li>
 * </ul>
 * A container failing any check, or a limit of {@link AvLimits}, fails the whole load.
 */
final class SignatureContainer {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureContainer.class);

    /** The extensions of ClamAV's signature files, which the {@code .info} must list when a container holds one. */
    private static final Set<String> SIGNATURE_FILE_EXTENSIONS = Set.of("db", "hdb", "hdu", "fp", "mdb", "mdu",
            "hsb", "hsu", "sfp", "msb", "msu", "ndb", "ndu", "ldb", "ldu", "sdb", "zmd", "rmd", "pdb", "gdb", "wdb",
            "cbc", "ftm", "cfg", "cdb", "cat", "crb", "idb", "ioc", "yar", "yara", "pwdb", "ign", "ign2", "imp");
    private static final byte[] COPYING = {'C', 'O', 'P', 'Y', 'I', 'N', 'G'};

    /** The container kinds, by extension. */
    enum Kind {
        CVD, CLD, CUD;

        static Kind of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (lower.endsWith("." + k.name().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Receives each signature file of a container as it is read. */
    @FunctionalInterface
    interface MemberHandler {
        /** @param content the member's bytes; need not be read to the end */
        void member(String name, InputStream content) throws IOException;
    }

    private SignatureContainer() {
    }

    static boolean isContainer(String fileName) {
        return Kind.of(fileName) != null;
    }

    /**
     * Reads and checks {@code file}, handing each member other than {@code COPYING} and the {@code .info} to
     * {@code handler} in archive order.
     *
     * @throws SignatureContainerException naming the file when the container is malformed, over a limit or fails a
     *                                     check; the handler may already have seen members by then
     */
    static CvdHeader read(Path file, AvLimits limits, MemberHandler handler) throws IOException {
        String fileName = file.getFileName().toString();
        try {
            return readChecked(file, Kind.of(fileName), limits, handler);
        } catch (SignatureContainerException e) {
            throw new SignatureContainerException(fileName + ": " + e.getMessage());
        }
    }

    private static CvdHeader readChecked(Path file, Kind kind, AvLimits limits, MemberHandler handler)
            throws IOException {
        long size = Files.size(file);
        if (size < CvdHeader.SIZE + COPYING.length) {
            throw new SignatureContainerException(size + " bytes: shorter than the " + CvdHeader.SIZE
                    + "-byte header and an archive");
        }
        if (size > limits.maxContainerBytes()) {
            throw new SignatureContainerException(size + " bytes exceeds the container limit of "
                    + limits.maxContainerBytes());
        }
        CvdHeader header = header(file);
        verifyMd5(file, kind, header);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(CvdHeader.SIZE);
            BoundedTarReader tar = new BoundedTarReader(archive(in), limits.maxArchiveEntries(),
                    limits.maxArchiveEntryBytes(), limits.maxArchiveBytes());
            ContainerInfo info = null;
            Map<String, ContainerInfo.Member> seen = new LinkedHashMap<>();
            for (BoundedTarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                if (e.name().equals("COPYING")) {
                    continue;
                }
                if (e.name().toLowerCase(Locale.ROOT).endsWith(".info")) {
                    if (info != null) {
                        throw new SignatureContainerException("a second .info member: " + e.name());
                    }
                    info = ContainerInfo.parse(tar.content(), limits.maxLineLength(), limits.maxArchiveEntries());
                    continue;
                }
                MessageDigest sha = HashAlgorithm.SHA256.newDigest();
                DigestInputStream content = new DigestInputStream(tar.content(), sha);
                handler.member(e.name(), content);
                content.transferTo(java.io.OutputStream.nullOutputStream());
                if (seen.put(e.name(), new ContainerInfo.Member(e.size(), HexFormat.of().formatHex(sha.digest())))
                        != null) {
                    throw new SignatureContainerException("member " + e.name() + " occurs twice");
                }
            }
            verifyInfo(header, info, seen);
        }
        return header;
    }

    private static CvdHeader header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CvdHeader.parse(in.readNBytes(CvdHeader.SIZE));
        }
    }

    private static void verifyMd5(Path file, Kind kind, CvdHeader header) throws IOException {
        Optional<String> expected = header.md5();
        if (kind == Kind.CLD || (kind == Kind.CUD && expected.isEmpty())) {
            return;
        }
        if (expected.isEmpty()) {
            throw new SignatureContainerException("the header has no MD5 of the archive (a .cvd must carry one)");
        }
        MessageDigest md5 = HashAlgorithm.MD5.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.skipNBytes(CvdHeader.SIZE);
            md5.reset();
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(md5.digest());
        if (!actual.equals(expected.get())) {
            throw new SignatureContainerException("MD5 of the archive is " + actual + ", the header says "
                    + expected.get() + " (truncated or altered file)");
        }
    }

    /** The tar stream: as stored when it opens with the COPYING member's header, else gzip. */
    private static InputStream archive(InputStream in) throws IOException {
        in.mark(COPYING.length);
        byte[] start = in.readNBytes(COPYING.length);
        in.reset();
        if (Arrays.equals(start, COPYING)) {
            return in;
        }
        if ((start[0] & 0xFF) != 0x1f || (start[1] & 0xFF) != 0x8b) {
            throw new SignatureContainerException("the archive is neither gzip nor a tar starting with COPYING");
        }
        return new GZIPInputStream(in, 1 << 16);
    }

    private static void verifyInfo(CvdHeader header, ContainerInfo info, Map<String, ContainerInfo.Member> seen)
            throws SignatureContainerException {
        if (info == null) {
            throw new SignatureContainerException("no .info member (ClamAV refuses a container without one)");
        }
        if (!info.header().sameDatabaseAs(header)) {
            throw new SignatureContainerException("the .info header (version " + info.header().version() + ", "
                    + info.header().signatures() + " signatures) does not describe the container's (version "
                    + header.version() + ", " + header.signatures() + " signatures)");
        }
        for (Map.Entry<String, ContainerInfo.Member> e : seen.entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            if (dot < 0 || !SIGNATURE_FILE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            ContainerInfo.Member listed = info.members().get(name);
            if (listed == null) {
                throw new SignatureContainerException("member " + name + " is not listed in the .info");
            }
            if (!listed.equals(e.getValue())) {
                throw new SignatureContainerException("member " + name + " has " + e.getValue().size()
                        + " bytes, SHA-256 " + e.getValue().sha256() + "; the .info lists " + listed.size()
                        + " bytes, SHA-256 " + listed.sha256());
            }
        }
    }

    /**
     * Of each database present as both {@code name.cvd} and {@code name.cld} (its name: the file name up to the
     * first {@code -} or {@code .}), keeps the one of the higher version, the {@code .cld} on a tie, as clamd
     * does; a container whose header cannot be read is kept, so that its load fails loudly.
     */
    static List<Path> newestOfEachDatabase(List<Path> files) {
        Map<String, Path> chosen = new HashMap<>();
        List<Path> dropped = new ArrayList<>();
        for (Path p : files) {
            Kind kind = Kind.of(p.getFileName().toString());
            if (kind != Kind.CVD && kind != Kind.CLD) {
                continue;
            }
            String database = databaseName(p);
            Path other = chosen.get(database);
            if (other == null) {
                chosen.put(database, p);
                continue;
            }
            long mine = version(p);
            long theirs = version(other);
            boolean replace = mine > theirs || (mine == theirs && kind == Kind.CLD);
            if (mine < 0 || theirs < 0) {
                continue;
            }
            dropped.add(replace ? other : p);
            if (replace) {
                chosen.put(database, p);
            }
        }
        for (Path d : dropped) {
            LOG.warn("{}: an older or equal version of a database also present as .cvd and .cld; not loaded",
                    d.getFileName());
        }
        List<Path> kept = new ArrayList<>(files);
        kept.removeAll(dropped);
        return kept;
    }

    private static String databaseName(Path p) {
        String n = p.getFileName().toString();
        int cut = n.length();
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) == '-' || n.charAt(i) == '.') {
                cut = i;
                break;
            }
        }
        return n.substring(0, cut);
    }

    private static long version(Path p) {
        try {
            return header(p).version();
        } catch (IOException e) {
            return -1;
        }
    }
}
