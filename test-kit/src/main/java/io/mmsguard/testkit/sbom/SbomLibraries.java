package io.mmsguard.testkit.sbom;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The libraries a runnable artefact's CycloneDX SBOM names and those its {@code lib/} is copied from (the
 * {@code dependency:list} the module writes before its tests), each as {@code group:artifact:version}, so that a test
 * can hold them equal: an SBOM that misses a jar the image ships is worse than none.
 */
public final class SbomLibraries {
    /** A Maven package URL: {@code pkg:maven/<group>/<artifact>@<version>?type=jar[&classifier=...]}. */
    private static final Pattern PURL = Pattern.compile("\"purl\"\\s*:\\s*\"pkg:maven/([^/\"]+)/([^@\"]+)@([^?\"]+)");
    /** A line of {@code dependency:list}: {@code group:artifact:type[:classifier]:version:scope}. */
    private static final Pattern LISTED =
            Pattern.compile("^\\s+([\\w.-]+):([\\w.-]+):[\\w.-]+:(?:[\\w.-]+:)?([\\w.-]+):(?:compile|runtime)\\b");

    private SbomLibraries() {
    }

    /**
     * Every component of the SBOM except {@code self}, the artefact it describes ({@code group:artifact}). A build run
     * with Maven's {@code -o} writes no SBOM (cyclonedx-maven-plugin requires online mode): the calling test is then
     * skipped, unless {@code MMSGUARD_REQUIRE_ORACLES=true} (CI, which builds online), where it fails.
     */
    public static Set<String> inSbom(Path bomJson, String self) throws IOException {
        if (!Files.exists(bomJson)) {
            String why = bomJson + " was not written: an offline (-o) build skips cyclonedx-maven-plugin's makeBom";
            if (Boolean.parseBoolean(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        Set<String> out = new TreeSet<>();
        Matcher m = PURL.matcher(Files.readString(bomJson, StandardCharsets.UTF_8));
        while (m.find()) {
            String library = m.group(1) + ":" + m.group(2);
            if (!library.equals(self)) {
                out.add(library + ":" + URLDecoder.decode(m.group(3), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Every library of a {@code dependency:list} output file in compile or runtime scope. */
    public static Set<String> listed(Path dependencyList) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(dependencyList, StandardCharsets.UTF_8)) {
            Matcher m = LISTED.matcher(line);
            if (m.find()) {
                out.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
            }
        }
        return out;
    }
}
