package io.mmsguard.bench.av;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mmsguard.bench.BenchArgs;
import io.mmsguard.inspection.av.AvLimits;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import io.mmsguard.inspection.av.ClamdConfig;
import io.mmsguard.inspection.av.ClamdScanner;
import io.mmsguard.testkit.clamav.ClamdProcess;

/**
 * Scan throughput of the built-in engine against clamd on one generated database and one set of files.
 *
 * <p>Generates (seeded) {@code --signatures} body signatures and {@code --hash-signatures} MD5 signatures, and
 * {@code --files} files of 10 to 50 kB (mean 30 kB), half random bytes and half text; every tenth file (index 3
 * mod 10) carries a planted body signature and every tenth (index 7 mod 10) is listed by its MD5. Then, one file at
 * a time on one thread: the built-in engine in this JVM (after {@code --warmup} untimed passes), clamd started as
 * a child process on the same database directory via our {@link ClamdScanner} (INSTREAM, one connection per file,
 * after one untimed pass), and with {@code --clamscan} clamscan over the files' directory (one process: its time
 * includes loading the database). Every scanner must flag exactly the planted files; a difference is reported as
 * an error and the exit status is 1.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.av.AntivirusThroughput [--signatures=2000]
 *      [--hash-signatures=10000] [--files=200] [--seed=20261125] [--warmup=3] [--passes=3]
 *      [--clamd-transport=unix|tcp] [--clamscan] [--work=DIR] [--out=DIR]</pre>
 */
public final class AntivirusThroughput {
    private static final String UNOFFICIAL = ".UNOFFICIAL";

    private final Map<String, String> options;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> report = new LinkedHashMap<>();

    private AntivirusThroughput(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println("usage: AntivirusThroughput [--signatures=2000] [--hash-signatures=10000] "
                    + "[--files=200] [--seed=20261125] [--warmup=3] [--passes=3] [--clamd-transport=unix|tcp] "
                    + "[--clamscan] [--work=DIR] [--out=DIR]");
            return;
        }
        System.exit(new AntivirusThroughput(options).run());
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private int run() throws Exception {
        int signatures = option("signatures", 2000);
        int hashSignatures = option("hash-signatures", 10_000);
        int fileCount = option("files", 200);
        long seed = Long.parseLong(options.getOrDefault("seed", "20261125"));
        Path work = options.containsKey("work") ? Files.createDirectories(Path.of(options.get("work")))
                : Files.createTempDirectory("mmsguard-av-bench");
        Path db = work.resolve("db");
        Path filesDir = Files.createDirectories(work.resolve("files"));

        // Generate: database and files, with the planted subset known.
        SignatureCorpus corpus = new SignatureCorpus(seed);
        List<SignatureCorpus.BodySignature> bodies = corpus.bodySignatures(signatures);
        List<Path> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        TreeSet<String> planted = new TreeSet<>();
        List<String> realHashes = new ArrayList<>();
        long totalBytes = 0;
        for (int i = 0; i < fileCount; i++) {
            int size = 10_240 + corpus.nextInt(40_961);
            byte[] content = i % 2 == 0 ? corpus.binary(size) : corpus.text(size);
            String name = String.format("f%06d.%s", i, i % 2 == 0 ? "bin" : "txt");
            if (i % 10 == 3) {
                corpus.plant(content, bodies.get(corpus.nextInt(bodies.size())));
                planted.add(name);
            } else if (i % 10 == 7) {
                realHashes.add(SignatureCorpus.hashLine(content, "MmsGuard.Bench.HashHit." + i));
                planted.add(name);
            }
            Path f = filesDir.resolve(name);
            Files.write(f, content);
            files.add(f);
            contents.add(content);
            totalBytes += size;
        }
        SignatureCorpus.writeDatabase(db, bodies, corpus.hashLines(Math.max(hashSignatures, realHashes.size()),
                realHashes));
        double mb = totalBytes / 1e6;
        System.out.printf("generated %,d body + %,d hash signatures and %,d files (%.1f MB, %d planted) in %s%n",
                signatures, hashSignatures, fileCount, mb, planted.size(), work);
        report.put("started", Instant.now().toString());
        report.put("machine", Map.of("availableProcessors", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        report.put("input", Map.of("seed", seed, "bodySignatures", signatures, "hashSignatures", hashSignatures,
                "files", fileCount, "megabytes", mb, "planted", planted.size(), "work", work.toString()));

        List<Map<String, Object>> rows = new ArrayList<>();

        // The built-in engine, in this JVM, one thread.
        long t0 = System.nanoTime();
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(db, AvLimits.DEFAULTS);
        double engineLoad = (System.nanoTime() - t0) / 1e9;
        if (engine.statistics().skippedLines() != 0) {
            problems.add("built-in engine skipped " + engine.statistics().skippedLines() + " signature lines");
        }
        Timed builtIn = timePasses(files, contents, engine::scan, option("warmup", 3), option("passes", 3));
        rows.add(row("built-in engine (in-JVM, 1 thread)", builtIn.seconds, mb, builtIn.seconds, engineLoad,
                builtIn.flagged.size()));
        compare("built-in engine", planted, builtIn.flagged);

        // clamd as a child process on the same directory, our INSTREAM client, one connection at a time.
        t0 = System.nanoTime();
        Timed byClamd;
        double clamdLoad;
        try (ClamdProcess clamd = ClamdProcess.startWith(work.resolve("clamd"), db)) {
            clamdLoad = (System.nanoTime() - t0) / 1e9;
            System.out.printf("clamd (pid %d) answered PING after %.1f s%n", clamd.pid(), clamdLoad);
            ClamdConfig config = "tcp".equals(options.get("clamd-transport"))
                    ? ClamdConfig.tcp("127.0.0.1", clamd.port()) : ClamdConfig.unixSocket(clamd.socket());
            ClamdScanner scanner = new ClamdScanner(config.withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH));
            byClamd = timePasses(files, contents, c -> scanner.scan(c).map(AntivirusThroughput::official), 1,
                    option("passes", 3));
        }
        rows.add(row("clamd via INSTREAM (" + options.getOrDefault("clamd-transport", "unix") + ", 1 connection "
                + "at a time)", byClamd.seconds, mb, builtIn.seconds, clamdLoad, byClamd.flagged.size()));
        compare("clamd", planted, byClamd.flagged);
        for (String f : builtIn.flagged.keySet()) {
            if (byClamd.flagged.containsKey(f) && !builtIn.flagged.get(f).equals(byClamd.flagged.get(f))) {
                System.out.printf("note: %s named %s by the built-in engine, %s by clamd%n", f,
                        builtIn.flagged.get(f), byClamd.flagged.get(f));
            }
        }

        if (options.containsKey("clamscan")) {
            t0 = System.nanoTime();
            Process p = new ProcessBuilder("/usr/bin/clamscan", "--database=" + db, "--no-summary", "--infected",
                    "--scan-html=no", "--bytecode=no", "--recursive", filesDir.toString())
                    .redirectErrorStream(true).start();
            Map<String, String> flagged = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.endsWith(" FOUND")) {
                        String file = Path.of(line.substring(0, line.indexOf(": "))).getFileName().toString();
                        flagged.put(file, official(line.substring(line.indexOf(": ") + 2, line.length() - 6)));
                    } else {
                        System.out.println("clamscan: " + line);
                    }
                }
            }
            p.waitFor(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() > 1) {
                problems.add("clamscan exited with " + p.exitValue());
            }
            rows.add(row("clamscan --database (one process, includes its database load)", seconds, mb,
                    builtIn.seconds, Double.NaN, flagged.size()));
            compare("clamscan", planted, flagged);
        }

        StringBuilder md = new StringBuilder(String.format("%n%,d body + %,d hash signatures, %,d files, %.1f MB, "
                + "%d planted%n%n| scanner | database load s | scan s (one pass) | MB/s | MB/s ratio to built-in | flagged |%n"
                + "|---|---|---|---|---|---|%n", signatures, hashSignatures, fileCount, mb, planted.size()));
        for (Map<String, Object> r : rows) {
            Object load = r.get("databaseLoadSeconds");
            md.append(String.format("| %s | %s | %.3f | %.1f | %.3f | %d |%n", r.get("scanner"),
                    load == null ? "(included)" : String.format("%.2f", (double) load), (double) r.get("scanSeconds"),
                    (double) r.get("megabytesPerSecond"), (double) r.get("ratioToBuiltIn"), r.get("flagged")));
        }
        System.out.println(md);
        report.put("runs", rows);
        report.put("problems", problems);
        if (options.containsKey("out")) {
            Path out = Files.createDirectories(Path.of(options.get("out")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("antivirus.json").toFile(), report);
            Files.writeString(out.resolve("antivirus.md"), md);
        }
        for (String p : problems) {
            System.out.println("ERROR: " + p);
        }
        System.out.println(problems.isEmpty() ? "all scanners flagged exactly the " + planted.size()
                + " planted files" : problems.size() + " error(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    /** Seconds of one pass (the mean of {@code passes} timed passes) and the names flagged in the last one. */
    private record Timed(double seconds, Map<String, String> flagged) {
    }

    private static Timed timePasses(List<Path> files, List<byte[]> contents,
                                    Function<byte[], Optional<String>> scan, int warmup, int passes) {
        for (int w = 0; w < warmup; w++) {
            for (byte[] c : contents) {
                scan.apply(c);
            }
        }
        Map<String, String> flagged = new LinkedHashMap<>();
        long total = 0;
        for (int pass = 0; pass < passes; pass++) {
            flagged.clear();
            long t0 = System.nanoTime();
            for (int i = 0; i < contents.size(); i++) {
                Optional<String> name = scan.apply(contents.get(i));
                if (name.isPresent()) {
                    flagged.put(files.get(i).getFileName().toString(), name.get());
                }
            }
            total += System.nanoTime() - t0;
        }
        return new Timed(total / 1e9 / passes, flagged);
    }

    private static Map<String, Object> row(String scanner, double seconds, double mb, double builtInSeconds,
                                           double loadSeconds, int flagged) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scanner", scanner);
        r.put("databaseLoadSeconds", Double.isNaN(loadSeconds) ? null : loadSeconds);
        r.put("scanSeconds", seconds);
        r.put("megabytesPerSecond", mb / seconds);
        r.put("ratioToBuiltIn", builtInSeconds / seconds);
        r.put("flagged", flagged);
        return r;
    }

    private void compare(String scanner, TreeSet<String> planted, Map<String, String> flagged) {
        TreeSet<String> missed = new TreeSet<>(planted);
        missed.removeAll(flagged.keySet());
        TreeSet<String> extra = new TreeSet<>(flagged.keySet());
        extra.removeAll(planted);
        if (!missed.isEmpty()) {
            problems.add(scanner + " missed " + missed.size() + " planted file(s): " + missed);
        }
        if (!extra.isEmpty()) {
            problems.add(scanner + " flagged " + extra.size() + " file(s) without a planted signature: " + extra);
        }
    }

    private static String official(String clamdName) {
        return clamdName.endsWith(UNOFFICIAL) ? clamdName.substring(0, clamdName.length() - UNOFFICIAL.length())
                : clamdName;
    }
}
