package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.testkit.clamav.ClamdProcess;

/**
 * Scans samples with clamd and the built-in engine loaded from the same database directory and compares what
 * each reports, sample by sample: the check every format's oracle test ends with.
 */
final class ClamdAgreement {
    /** clamd's suffix for names from databases ClamAV did not sign; the built-in engine reports names as written. */
    private static final String UNOFFICIAL = ".UNOFFICIAL";

    /** What both said about one sample. */
    record Verdicts(Optional<String> builtIn, Optional<String> clamd) {
        boolean agree() {
            return builtIn.equals(clamd);
        }
    }

    private ClamdAgreement() {
    }

    /**
     * @param home a directory for clamd's configuration, socket and logs
     * @return each sample's verdicts, in the samples' order
     */
    static Map<String, Verdicts> scan(Path home, Path database, Map<String, byte[]> samples) throws Exception {
        ClamdProcess.requireInstalled();
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(database, AvLimits.DEFAULTS);
        Map<String, Verdicts> out = new LinkedHashMap<>();
        try (ClamdProcess clamd = ClamdProcess.startWith(home, database)) {
            ClamdScanner scanner = new ClamdScanner(
                    ClamdConfig.tcp("127.0.0.1", clamd.port()).withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH));
            for (Map.Entry<String, byte[]> s : samples.entrySet()) {
                out.put(s.getKey(), new Verdicts(engine.scan(s.getValue()),
                        scanner.scan(s.getValue()).map(ClamdAgreement::withoutSuffix)));
            }
        }
        return out;
    }

    /** Asserts that both agree on every sample and that the samples have both verdicts. */
    static void assertAgreement(Map<String, Verdicts> verdicts) {
        int infected = 0;
        for (Map.Entry<String, Verdicts> v : verdicts.entrySet()) {
            assertThat(v.getValue().builtIn()).as("built-in engine vs clamd on " + v.getKey())
                    .isEqualTo(v.getValue().clamd());
            infected += v.getValue().clamd().isPresent() ? 1 : 0;
        }
        assertThat(infected).as("the samples exercise both verdicts").isBetween(1, verdicts.size() - 1);
    }

    static String withoutSuffix(String name) {
        return name.endsWith(UNOFFICIAL) ? name.substring(0, name.length() - UNOFFICIAL.length()) : name;
    }
}
