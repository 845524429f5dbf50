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
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ClamAV {@code .hdb}, {@code .hsb} and {@code .ndb} files and compiles them into a
 * {@link SignatureDatabase}. A bad line never fails the load: it is logged with file and line number, counted in
 * {@link LoadStatistics#skippedLines()} and skipped. Empty lines are ignored. An I/O error, or a load that yields
 * no signature at all, fails the whole load (a half-copied or emptied directory must not replace a good database).
 */
public final class SignatureDatabaseLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureDatabaseLoader.class);

    /** A database file format, chosen by the file's extension. */
    public enum Format {
        HDB, HSB, NDB;

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

    /** Loads every {@code .hdb}, {@code .hsb} and {@code .ndb} file directly in {@code directory}, by name order. */
    public SignatureDatabase loadDirectory(Path directory) throws IOException {
        List<Path> files = signatureFiles(directory);
        Accumulator acc = new Accumulator();
        for (Path file : files) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                read(file.getFileName().toString(), Format.of(file.getFileName().toString()), r, acc);
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
                throw new IOException("not a .hdb, .hsb or .ndb resource: " + name);
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

    /** The files {@link #loadDirectory} reads; the watcher polls the same set. */
    static List<Path> signatureFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory: " + directory);
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> Format.of(p.getFileName().toString()) != null && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    private void read(String source, Format format, Reader reader, Accumulator acc) throws IOException {
        acc.files.add(source);
        BoundedLineReader lines = new BoundedLineReader(reader, limits.maxLineLength());
        String line;
        int number = 0;
        while ((line = lines.next()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line == BoundedLineReader.TOO_LONG) {
                acc.skip(source, number, "line longer than " + limits.maxLineLength() + " characters");
                continue;
            }
            try {
                switch (format) {
                    case HDB -> acc.hashes.add(HashSignatureParser.parse(line.trim(), true));
                    case HSB -> acc.hashes.add(HashSignatureParser.parse(line.trim(), false));
                    case NDB -> acc.bodies.add(bodyParser.parse(line.trim()));
                }
            } catch (SignatureSyntaxException e) {
                acc.skip(source, number, e.getMessage());
            }
        }
    }

    private static final class Accumulator {
        final List<HashSignature> hashes = new ArrayList<>();
        final List<BodySignature> bodies = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        int skipped;

        void skip(String source, int line, String reason) {
            skipped++;
            LOG.warn("skipping signature {}:{}: {}", source, line, reason);
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
            LoadStatistics stats = new LoadStatistics(md5, sha1, sha256, bodies.size(), skipped, files);
            if (stats.signatures() == 0) {
                throw new IOException("no usable signature in " + files + " (" + skipped + " lines skipped)");
            }
            LOG.info("loaded signatures: {} MD5, {} SHA-1, {} SHA-256 hashes, {} body; {} lines skipped; files {}",
                    md5, sha1, sha256, bodies.size(), skipped, files);
            return new SignatureDatabase(hashes, bodies, stats);
        }
    }
}
