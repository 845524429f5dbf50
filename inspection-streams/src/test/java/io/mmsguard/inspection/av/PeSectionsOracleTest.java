package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmsguard.testkit.clamav.PeFiles;
import io.mmsguard.testkit.clamav.Sigtool;

/**
 * sigtool --mdb (ClamAV's PE parser, printing each section's size and MD5: "Section{n}: size:md5") as the oracle for
 * {@link PeSections}, on well-formed, odd and randomly damaged PE files; then clamd and the built-in engine on one
 * section hash database.
 */
class PeSectionsOracleTest {
    private static final Pattern MDB_LINE = Pattern.compile("Section\\{\\d+\\}: (\\d+):([0-9a-f]{32})");

    @TempDir
    Path home;

    static Map<String, byte[]> peFiles(Random r) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] code = random(r, 0x300);
        byte[] data = "section two, shorter than its alignment".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] big = random(r, 0x1000);
        files.put("two sections", PeFiles.of(code, data).build());
        files.put("three sections, PE32+", PeFiles.of(code, data, big).pe32Plus().build());
        files.put("file alignment 0x1000", PeFiles.of(code, data).fileAlignment(0x1000).build());
        files.put("last section truncated", PeFiles.of(code, big).truncateTo(0x400 + 0x1000 / 2).build());
        files.put("pointer not aligned to FileAlignment but to 0x200",
                PeFiles.of(code, data).fileAlignment(0x1000).rawData(1, 0x1200, 0x200).build());
        files.put("pointer inside a sector", PeFiles.of(code, data).rawData(1, 0x510, 0x100).build());
        files.put("second section beyond the end", PeFiles.of(code, data).rawData(1, 0x10000, 0x200).build());
        files.put("only section beyond the end", PeFiles.of(code).rawData(0, 0x10000, 0x200).build());
        files.put("size with the sign bit", PeFiles.of(code, data).rawData(1, 0x600, 0x80000000).build());
        files.put("entry point nowhere", PeFiles.of(code, data).entryPoint(0x7000000).build());
        files.put("overlapping sections", PeFiles.of(code, data).rawData(1, 0x200, 0x400).build());
        return files;
    }

    @Test
    void sectionsAndTheirBytesAreClamavsOnWellFormedOddAndDamagedFiles() throws Exception {
        Sigtool.requireInstalled();
        Random r = new Random(20261207);
        Map<String, byte[]> files = peFiles(r);
        byte[] base = files.get("two sections");
        for (int i = 0; i < 150; i++) {
            byte[] damaged = base.clone();
            // damage the headers, where the parser's decisions are
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                damaged[r.nextInt(0x200)] = (byte) r.nextInt(256);
            }
            files.put("damaged " + i, damaged);
        }
        int compared = 0;
        int withSections = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = Files.write(home.resolve("f.exe"), f.getValue());
            Sigtool.Result out = Sigtool.run(home, "", "--mdb", file.toString());
            List<String> expected = new ArrayList<>();
            Matcher m = MDB_LINE.matcher(out.output());
            while (m.find()) {
                expected.add(m.group(1) + ":" + m.group(2));
            }
            List<String> ours = new ArrayList<>();
            for (PeSections.Range s : PeSections.of(f.getValue(), f.getValue().length)) {
                byte[] bytes = Arrays.copyOfRange(f.getValue(), s.offset(), s.offset() + s.length());
                ours.add(s.length() + ":" + HexFormat.of().formatHex(Containers.digest("MD5", bytes)));
            }
            assertThat(ours).as(f.getKey() + "; sigtool said:\n" + out.output()).isEqualTo(expected);
            compared++;
            withSections += ours.isEmpty() ? 0 : 1;
        }
        assertThat(compared).isEqualTo(files.size());
        assertThat(withSections).as("both outcomes occur").isBetween(8, files.size() - 3);
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
