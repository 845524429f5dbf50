package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ClamAV signature files ({@code .hdb}, {@code .hsb}, {@code .mdb}, {@code .msb}, {@code .ndb}) and containers of them ({@code .cvd},
 * {@code .cld}, {@code .cud}, see {@link SignatureContainer}) and compiles them into a {@link SignatureDatabase}.
 *
 * <p>A bad line never fails the load: it is logged with file and line number, counted in
 * {@link LoadStatistics#skippedByReason()} under its reason and skipped; so is every line of a container member in a
 * format the engine does not read, under "unsupported: file format .xyz". Empty lines and {@code #} comments are
 * ignored. An I/O error, a container failing its checks, or a load that yields no signature at all fails the whole
 * load (a half-copied or emptied directory must not replace a good database).
 */
public final class SignatureDatabaseLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureDatabaseLoader.class);

    /** Container members that hold no signatures: the licence and ClamAV's engine configuration. */
    private static final Set<String> NOT_SIGNATURES = Set.of("copying", "cfg");
    /**
     * Formats that detect nothing themselves (allow-lists, ignore lists, file-type magic, trusted certificates): lines
     * of theirs that the engine skips are counted, but no content type needs clamd because of them.
     */
    private static final Set<String> NOT_DETECTION = Set.of("fp", "sfp", "ign", "ign2", "ftm", "crb", "info");
    /**
     * ClamAV database files in a directory that the engine does not read (freshclam and sigtool --unpack leave them
     * next to the ones it does): their lines are counted as skipped, never silently ignored, and their signatures'
     * targets routed to clamd where it is configured ({@code RoutingVirusScanner}).
     */
    private static final Set<String> OTHER_DATABASE_FILES = Set.of("ldb", "ldu", "cdb", "pdb", "gdb", "wdb", "fp",
            "sfp", "ign", "ign2", "ftm", "cbc", "idb", "crb", "hdu", "hsu", "mdu", "msu", "ndu", "imp", "yar", "yara");

    /** A signature file format, chosen by the file's extension. */
    public enum Format {
        HDB, HSB, MDB, MSB, NDB;

        static Format of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (lower.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            return null;
        }
    }

    private final AvLimits limits;
    private final BodySignatureParser bodyParser;

    public SignatureDatabaseLoader(AvLimits limits) {
        this.limits = limits;
        this.bodyParser = new BodySignatureParser(limits.maxSignatureBytes());
    }

    /**
     * Loads every signature file and container directly in {@code directory}, by name order; of a database present
     * as both {@code .cvd} and {@code .cld}, only the newer.
     */
    public SignatureDatabase loadDirectory(Path directory) throws IOException {
        List<Path> files = SignatureContainer.newestOfEachDatabase(signatureFiles(directory));
        Accumulator acc = new Accumulator();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (SignatureContainer.isContainer(name)) {
                CvdHeader header = SignatureContainer.read(file, limits,
                        (member, content) -> readMember(name + "/" + member, member, content, acc));
                LOG.info("read container {}: version {}, built {} by {}, {} signatures by its header", name,
                        header.version(), header.buildTime(), header.builder(), header.signatures());
                if (header.functionalityLevel() > FunctionalityLevel.ENGINE) {
                    LOG.warn("{} is meant for ClamAV functionality level {} and up (this engine: {}); its signatures"
                            + " that need a higher level are skipped (counted)", name, header.functionalityLevel(),
                            FunctionalityLevel.ENGINE);
                }
                continue;
            }
            if (Format.of(name) == null) {
                try (InputStream in = Files.newInputStream(file)) {
                    readMember(name, name, in, acc);
                }
                continue;
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                read(name, Format.of(name), r, acc);
            }
        }
        return acc.build();
    }

    /** Loads class-path resources, e.g. the test database shipped with this module. */
    public SignatureDatabase loadResources(String... resourceNames) throws IOException {
        Accumulator acc = new Accumulator();
        for (String name : resourceNames) {
            Format format = Format.of(name);
            if (format == null) {
                throw new IOException("not a signature file resource (" + java.util.Arrays.toString(Format.values())
                        + "): " + name);
            }
            InputStream in = SignatureDatabaseLoader.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("no such resource: " + name);
            }
            try (Reader r = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                read(name, format, r, acc);
            }
        }
        return acc.build();
    }

    /** The files {@link #loadDirectory} may read; the watcher polls the same set. */
    static List<Path> signatureFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory: " + directory);
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> isSignatureFile(p.getFileName().toString()) && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    private static boolean isSignatureFile(String name) {
        int dot = name.lastIndexOf('.');
        return Format.of(name) != null || SignatureContainer.isContainer(name)
                || dot > 0 && OTHER_DATABASE_FILES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private void readMember(String source, String member, InputStream content, Accumulator acc) throws IOException {
        Reader reader = new InputStreamReader(content, StandardCharsets.ISO_8859_1);
        Format format = Format.of(member);
        if (format != null) {
            read(source, format, reader, acc);
            return;
        }
        int dot = member.lastIndexOf('.');
        String extension = dot < 0 ? member : member.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (NOT_SIGNATURES.contains(extension.toLowerCase(Locale.ROOT))) {
            return;
        }
        acc.files.add(source);
        int count = 0;
        boolean detection = !NOT_DETECTION.contains(extension);
        BoundedLineReader lines = new BoundedLineReader(reader, limits.maxLineLength());
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                count++;
                if (detection) {
                    acc.unevaluatedTargets.add(line == BoundedLineReader.TOO_LONG ? 0 : targetOf(extension, line));
                }
            }
        }
        acc.skipAll(source, "unsupported: file format ." + extension, count);
    }

    /**
     * The ClamAV target type of a line the engine skipped: {@code .ndb}'s second field, {@code .ldb}'s
     * {@code Target:} in its target description block, PE for section hashes, any file otherwise or when unreadable.
     */
    static int targetOf(String extension, String line) {
        String[] f = line.split(extension.startsWith("ld") ? ";" : ":", 4);
        try {
            if (extension.startsWith("nd") && f.length > 1) {
                return Integer.parseInt(f[1].trim());
            }
            if (extension.startsWith("ld") && f.length > 1) {
                for (String attribute : f[1].split(",")) {
                    if (attribute.trim().startsWith("Target:")) {
                        return Integer.parseInt(attribute.trim().substring("Target:".length()).trim());
                    }
                }
                return 0;
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return extension.startsWith("md") || extension.startsWith("ms") ? 1 : 0;
    }

    private void read(String source, Format format, Reader reader, Accumulator acc) throws IOException {
        acc.files.add(source);
        BoundedLineReader lines = new BoundedLineReader(reader, limits.maxLineLength());
        String line;
        int number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line == BoundedLineReader.TOO_LONG) {
                acc.skip(source, number, "line too long",
                        "line longer than " + limits.maxLineLength() + " characters");
                acc.unevaluatedTargets.add(0);
                continue;
            }
            try {
                switch (format) {
                    case HDB -> acc.hashes.add(HashSignatureParser.parse(line.trim(), true));
                    case HSB -> acc.hashes.add(HashSignatureParser.parse(line.trim(), false));
                    case MDB -> acc.sections.add(HashSignatureParser.parseSection(line.trim(), true));
                    case MSB -> acc.sections.add(HashSignatureParser.parseSection(line.trim(), false));
                    case NDB -> acc.bodies.add(bodyParser.parse(line.trim()));
                }
            } catch (SignatureSyntaxException e) {
                acc.skip(source, number, e.reason(), e.getMessage());
                if (!e.reason().equals(SignatureSyntaxException.MALFORMED)) {
                    acc.unevaluatedTargets.add(targetOf(format.name().toLowerCase(Locale.ROOT), line.trim()));
                }
            }
        }
    }

    private static final class Accumulator {
        final List<HashSignature> hashes = new ArrayList<>();
        final List<HashSignature> sections = new ArrayList<>();
        final List<BodySignature> bodies = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final Set<Integer> unevaluatedTargets = new java.util.TreeSet<>();

        void skip(String source, int line, String reason, String message) {
            skipped.merge(reason, 1, Integer::sum);
            LOG.warn("skipping signature {}:{}: {}", source, line, message);
        }

        void skipAll(String source, String reason, int lines) {
            if (lines > 0) {
                skipped.merge(reason, lines, Integer::sum);
                LOG.warn("skipping {} signature lines of {}: {}", lines, source, reason);
            }
        }

        SignatureDatabase build() throws IOException {
            int md5 = 0;
            int sha1 = 0;
            int sha256 = 0;
            for (HashSignature h : hashes) {
                switch (h.algorithm()) {
                    case MD5 -> md5++;
                    case SHA1 -> sha1++;
                    case SHA256 -> sha256++;
                }
            }
            LoadStatistics stats =
                    new LoadStatistics(md5, sha1, sha256, sections.size(), bodies.size(), 0, skipped, files,
                            unevaluatedTargets);
            if (stats.signatures() == 0) {
                throw new IOException("no usable signature in " + files + " (" + stats.skippedLines()
                        + " lines skipped: " + skipped + ")");
            }
            LOG.info("loaded signatures: {} MD5, {} SHA-1, {} SHA-256 hashes, {} PE section hashes, {} body; {} lines"
                    + " skipped {}; coverage {}; files {}", md5, sha1, sha256, sections.size(), bodies.size(),
                    stats.skippedLines(), skipped, String.format(Locale.ROOT, "%.4f", stats.coverage()), files);
            return new SignatureDatabase(hashes, sections, bodies, stats);
        }
    }
}
