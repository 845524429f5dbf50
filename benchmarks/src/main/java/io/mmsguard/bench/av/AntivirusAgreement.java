package io.mmsguard.bench.av;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mmsguard.bench.BenchArgs;
import io.mmsguard.inspection.av.AvLimits;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import io.mmsguard.inspection.av.ClamdConfig;
import io.mmsguard.inspection.av.ClamdScanner;
import io.mmsguard.inspection.av.LoadStatistics;
import io.mmsguard.inspection.av.SignatureDatabaseLoader;
import io.mmsguard.testkit.clamav.ClamdProcess;
import io.mmsguard.testkit.clamav.PeFiles;
import io.mmsguard.testkit.clamav.Sigtool;

/**
 * Agreement of the built-in engine with clamd on one database that mixes every signature kind, and the engine's
 * coverage of a database.
 *
 * <p>Default mode: generates (seeded) a database "mixed" of {@code .hdb}, {@code .hsb}, {@code .mdb}, {@code .msb}
 * and {@code .ndb} signatures the engine evaluates, plus lines it does not ({@code .ndb} target 1 and
 * {@code EP+} offsets, {@code .ldb} logical signatures), packs it with {@code sigtool --unsigned --build} into
 * {@code mixed.cud}, and {@code --files} samples in eight kinds (text, random bytes, a planted body signature, a
 * file listed by MD5, one listed by SHA-256, a PE with a section listed by MD5, one with a section listed by SHA-1 or
 * by SHA-256 of any size, a PE no signature lists) plus {@code --files}/8 planted with a signature the engine
 * skips. clamd (a child process on the same container) and the engine scan every sample; agreement is the share of
 * samples of the evaluated kinds on which both report the same name or both none. Exit status 1 when they
 * disagree on any of those.
 *
 * <p>{@code --database=DIR}: loads DIR as the service would and prints what loaded, the skips per reason and the
 * coverage figure (loaded / (loaded + skipped) signature lines), e.g. for a directory freshclam fills.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.av.AntivirusAgreement [--files=800]
 *      [--seed=20261207] [--work=DIR]
 * java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.av.AntivirusAgreement --database=DIR</pre>
 */
public final class AntivirusAgreement {
    private static final String UNOFFICIAL = ".UNOFFICIAL";
    private static final String[] KINDS = {"text, clean", "random bytes, clean", "body signature (.ndb)",
        "MD5 of the file (.hdb)", "SHA-256 of the file (.hsb)", "PE section MD5 (.mdb)",
        "PE section SHA-1 / SHA-256 any size (.msb)", "PE, clean"};
    private static final String SKIPPED_KIND = "planted signature the engine skips (.ldb, .ndb target 1)";

    private AntivirusAgreement() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println("usage: AntivirusAgreement [--files=800] [--seed=20261207] [--work=DIR]"
                    + " | --database=DIR");
            return;
        }
        if (options.containsKey("database")) {
            coverage(Path.of(options.get("database")));
            return;
        }
        System.exit(agreement(options));
    }

    /** Prints what a database directory loads and the coverage figure. */
    static LoadStatistics coverage(Path dir) throws Exception {
        LoadStatistics s = new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir).statistics();
        System.out.printf("%s: loaded %,d signatures (%,d MD5, %,d SHA-1, %,d SHA-256 hashes, %,d PE section hashes,"
                + " %,d body, %,d logical); skipped %,d lines%n", dir, s.signatures(), s.md5Hashes(),
                s.sha1Hashes(), s.sha256Hashes(), s.sectionHashes(), s.bodySignatures(), s.logicalSignatures(),
                s.skippedLines());
        System.out.println("| skipped because | lines |\n|---|---|");
        s.skippedByReasonSorted().forEach((reason, n) -> System.out.printf("| %s | %,d |%n", reason, n));
        System.out.printf("coverage: %.4f (%,d of %,d signature lines)%n", s.coverage(), s.signatures(),
                s.signatures() + s.skippedLines());
        return s;
    }

    private static int agreement(Map<String, String> options) throws Exception {
        int fileCount = Integer.parseInt(options.getOrDefault("files", "800"));
        long seed = Long.parseLong(options.getOrDefault("seed", "20261207"));
        Path work = options.containsKey("work") ? Files.createDirectories(Path.of(options.get("work")))
                : Files.createTempDirectory("mmsguard-av-agreement");
        SignatureCorpus corpus = new SignatureCorpus(seed);
        List<SignatureCorpus.BodySignature> bodies = corpus.bodySignatures(300);
        List<String> hdb = new ArrayList<>();
        List<String> hsb = new ArrayList<>();
        List<String> mdb = new ArrayList<>();
        List<String> msb = new ArrayList<>();
        List<String> ndb = new ArrayList<>(bodies.stream().map(SignatureCorpus.BodySignature::line).toList());
        List<String> ldb = new ArrayList<>();
        List<String> skippedMarkers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String a = "ldbA" + i + "marker";
            String b = "ldbB" + i + "marker";
            ldb.add("MmsGuard.Bench.Ldb." + i + ";Engine:51-255,Target:0;0&1;" + hex(a) + ";" + hex(b));
            skippedMarkers.add(a + " and then " + b);
            String pe = "peTarget" + i + "marker";
            ndb.add("MmsGuard.Bench.PeTarget." + i + ":1:*:" + hex(pe));
            skippedMarkers.add(pe);
            ndb.add("MmsGuard.Bench.EntryPoint." + i + ":1:EP+0:" + hex("entry" + i + "point"));
        }

        Map<String, byte[]> samples = new LinkedHashMap<>();
        Map<String, String> kindOf = new LinkedHashMap<>();
        for (int i = 0; i < fileCount; i++) {
            int kind = i % KINDS.length;
            int size = 2048 + corpus.nextInt(30_000);
            byte[] content = switch (kind) {
                case 0 -> corpus.text(size);
                case 1, 3, 4 -> corpus.binary(size);
                case 2 -> {
                    byte[] c = corpus.nextInt(2) == 0 ? corpus.text(size) : corpus.binary(size);
                    corpus.plant(c, bodies.get(corpus.nextInt(bodies.size())));
                    yield c;
                }
                default -> null;
            };
            String name = "MmsGuard.Bench." + i;
            if (kind == 3) {
                hdb.add(SignatureCorpus.hashLine(content, name));
            } else if (kind == 4) {
                hsb.add(hex(digest("SHA-256", content)) + ":" + content.length + ":" + name);
            } else if (kind >= 5) {
                PeFiles pe = PeFiles.of(corpus.binary(0x200 + corpus.nextInt(0x2000)),
                        corpus.text(100 + corpus.nextInt(3000)), corpus.binary(0x100 + corpus.nextInt(0x800)));
                if (corpus.nextInt(2) == 0) {
                    pe.pe32Plus();
                }
                content = pe.build();
                byte[] section = pe.sectionRaw(corpus.nextInt(3));
                if (kind == 5) {
                    mdb.add(section.length + ":" + hex(digest("MD5", section)) + ":" + name);
                } else if (kind == 6) {
                    msb.add(corpus.nextInt(2) == 0 ? section.length + ":" + hex(digest("SHA-1", section)) + ":" + name
                            : "*:" + hex(digest("SHA-256", section)) + ":" + name + ":73");
                }
            }
            samples.put(String.format("s%05d", i), content);
            kindOf.put(String.format("s%05d", i), KINDS[kind]);
        }
        for (int i = 0; i < fileCount / KINDS.length; i++) {
            byte[] c = corpus.text(2048 + corpus.nextInt(8000));
            byte[] marker = skippedMarkers.get(corpus.nextInt(skippedMarkers.size())).getBytes(StandardCharsets.US_ASCII);
            if (marker[0] == 'p') {
                c = PeFiles.of(corpus.binary(0x400), c).build();
                System.arraycopy(marker, 0, c, c.length - marker.length - 16, marker.length);
            } else {
                System.arraycopy(marker, 0, c, corpus.nextInt(c.length - marker.length), marker.length);
            }
            samples.put(String.format("k%05d", i), c);
            kindOf.put(String.format("k%05d", i), SKIPPED_KIND);
        }

        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(src.resolve("COPYING"), "Generated signatures for mmsguard's agreement measurement.\n");
        Files.write(src.resolve("mixed.hdb"), hdb);
        Files.write(src.resolve("mixed.hsb"), hsb);
        Files.write(src.resolve("mixed.mdb"), mdb);
        Files.write(src.resolve("mixed.msb"), msb);
        Files.write(src.resolve("mixed.ndb"), ndb);
        Files.write(src.resolve("mixed.ldb"), ldb);
        Path db = Files.createDirectories(work.resolve("db"));
        Files.copy(Sigtool.buildUnsigned(src, "mixed", 1), db.resolve("mixed.cud"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LoadStatistics stats = coverage(db);

        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(db, AvLimits.DEFAULTS);
        Map<String, int[]> byKind = new TreeMap<>(); // {samples, agree, clamd flagged, built-in flagged}
        List<String> disagreements = new ArrayList<>();
        try (ClamdProcess clamd = ClamdProcess.startWith(work.resolve("clamd"), db)) {
            ClamdScanner scanner = new ClamdScanner(
                    ClamdConfig.unixSocket(clamd.socket()).withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH));
            for (Map.Entry<String, byte[]> s : samples.entrySet()) {
                Optional<String> builtIn = engine.scan(s.getValue());
                Optional<String> byClamd = scanner.scan(s.getValue()).map(AntivirusAgreement::official);
                int[] k = byKind.computeIfAbsent(kindOf.get(s.getKey()), x -> new int[4]);
                k[0]++;
                k[1] += builtIn.equals(byClamd) ? 1 : 0;
                k[2] += byClamd.isPresent() ? 1 : 0;
                k[3] += builtIn.isPresent() ? 1 : 0;
                if (!builtIn.equals(byClamd) && !kindOf.get(s.getKey()).equals(SKIPPED_KIND)) {
                    disagreements.add(s.getKey() + " (" + kindOf.get(s.getKey()) + "): built-in " + builtIn
                            + ", clamd " + byClamd);
                }
            }
        }
        System.out.printf("%n| samples (seed %d) | count | same verdict and name | clamd flagged | built-in flagged |"
                + "%n|---|---|---|---|---|%n", seed);
        int evaluated = 0;
        int agreed = 0;
        for (String kind : KINDS) {
            int[] k = byKind.getOrDefault(kind, new int[4]);
            System.out.printf("| %s | %d | %d | %d | %d |%n", kind, k[0], k[1], k[2], k[3]);
            evaluated += k[0];
            agreed += k[1];
        }
        int[] k = byKind.getOrDefault(SKIPPED_KIND, new int[4]);
        System.out.printf("| %s | %d | %d | %d | %d |%n", SKIPPED_KIND, k[0], k[1], k[2], k[3]);
        System.out.printf(Locale.ROOT, "%nagreement on the evaluated kinds: %d of %d samples (%.4f); database coverage"
                + " %.4f%n", agreed, evaluated, (double) agreed / evaluated, stats.coverage());
        disagreements.forEach(d -> System.out.println("ERROR: " + d));
        return disagreements.isEmpty() ? 0 : 1;
    }

    private static String official(String clamdName) {
        return clamdName.endsWith(UNOFFICIAL) ? clamdName.substring(0, clamdName.length() - UNOFFICIAL.length())
                : clamdName;
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
