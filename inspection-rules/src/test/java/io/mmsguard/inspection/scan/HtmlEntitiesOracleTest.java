package io.mmsguard.inspection.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code html.unescape} (the HTML5 rules: named, legacy, numeric references, Windows-1252 remapping, dropped
 * code points) is the oracle for {@link HtmlEntities}: thousands of generated texts full of references, well formed
 * and not, must decode the same. Skipped without python3 unless {@code MMSGUARD_REQUIRE_ORACLES=true}.
 */
class HtmlEntitiesOracleTest {

    private static final String[] PIECES = {"&amp;", "&amp", "&lt", "&notin;", "&notit;", "&not", "&#115;", "&#x73;",
        "&#X73", "&#0;", "&#128;", "&#x81;", "&#xD800;", "&#1114112;", "&#99999999999999;", "&#1;", "&#xFFFE;",
        "&#8203;", "&ZeroWidthSpace;", "&shy;", "&nbsp", "&NotNestedGreaterGreater;", "&", "&#", "&#x", "&#;",
        "&;", "& amp;", "&unknown;", "&AMP;", "&copy", "&copyx", "&Aacute;", "&aacute", "&fjlig;", "&#65&#66",
        "spam", " ", "<b>", "é", "\uD83D\uDE00", ";", "#", "x", "1"};

    @Test
    void decodesLikePythonsHtmlUnescape(@TempDir Path dir) throws Exception {
        String python = System.getenv().getOrDefault("MMSGUARD_ORACLE_PYTHON", "python3");
        boolean present;
        try {
            present = new ProcessBuilder(python, "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            present = false;
        }
        if (!present && Boolean.parseBoolean(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new IllegalStateException(python + " is required (MMSGUARD_REQUIRE_ORACLES=true)");
        }
        assumeTrue(present, "python3 is not installed");

        long seed = Long.getLong("mmsguard.entities.seed", 15L);
        System.out.println("HtmlEntitiesOracleTest seed " + seed + " (replay with -Dmmsguard.entities.seed)");
        Random random = new Random(seed);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            inputs.add(s.toString());
        }
        Path script = dir.resolve("html_unescape.py");
        try (InputStream in = getClass().getResourceAsStream("/python/html_unescape.py")) {
            Files.copy(in, script);
        }
        Path input = dir.resolve("in.txt");
        Path output = dir.resolve("out.txt");
        Files.writeString(input, String.join("\n", inputs) + "\n", StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(python, script.toString()).redirectInput(input.toFile())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> expected = Files.readAllLines(output, StandardCharsets.UTF_8);

        for (int i = 0; i < inputs.size(); i++) {
            String codePoints = HtmlEntities.decode(inputs.get(i)).codePoints()
                    .mapToObj(cp -> Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(" "));
            assertThat(codePoints).as("input %s", inputs.get(i)).isEqualTo(expected.get(i));
        }
    }
}
