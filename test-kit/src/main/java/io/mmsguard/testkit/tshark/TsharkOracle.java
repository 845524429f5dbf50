package io.mmsguard.testkit.tshark;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark (Wireshark's dissectors, an independent decoder) on a pcap and returns one row of tab-separated
 * fields per dissected frame. Skips the calling test when tshark is absent, unless {@code MMSGUARD_REQUIRE_ORACLES=true}, in which case it fails.
 */
public final class TsharkOracle {
    /** {@code MMSGUARD_TSHARK}, else the first {@code tshark} on PATH, else /usr/bin/tshark. */
    public static final Path TSHARK = Optional.ofNullable(System.getenv("MMSGUARD_TSHARK")).map(Path::of)
            .or(() -> Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "tshark")).filter(Files::isExecutable).findFirst())
            .orElse(Path.of("/usr/bin/tshark"));

    private TsharkOracle() {
    }

    public static void assumeAvailable() {
        boolean present = Files.isExecutable(TSHARK);
        if (!present && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("tshark is required (MMSGUARD_REQUIRE_ORACLES=true) but missing at " + TSHARK);
        }
        Assumptions.assumeTrue(present, "tshark not installed at " + TSHARK);
    }

    /** Each row: the values of {@code fields} in order; multiple occurrences joined with '|'. */
    public static List<String[]> fields(Path pcap, String displayFilter, List<String> fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TSHARK.toString(), "-n", "-r", pcap.toString(), "-Y", displayFilter,
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Path outFile = Files.createTempFile("tshark", ".out");
        Path errFile = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly(); // only the process this helper started
                throw new AssertionError("tshark timed out");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("tshark failed: " + Files.readString(errFile));
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(outFile, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }
}
