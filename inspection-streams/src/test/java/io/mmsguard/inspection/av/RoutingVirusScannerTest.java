package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.testkit.clamav.ClamdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in engine and clamd loaded from one database that holds a signature the built-in engine skips (target
 * type 1, PE only): a PE part carrying it is clean to the built-in engine and goes to clamd, which finds it; the same
 * bytes in a JPEG part do not go to clamd (no skipped signature targets graphics) and are clean, as clamd says too;
 * what the built-in engine finds never goes to clamd; and a skipped {@code .ldb} signature (any file) sends every
 * clean part to clamd.
 */
class RoutingVirusScannerTest {
    private static final byte[] MARKER = RoutingSamples.PE_ONLY_MARKER;
    private static final byte[] EICAR_LIKE = RoutingSamples.ANY_FILE_MARKER;

    @TempDir
    Path home;

    /** Counts the parts the router hands to clamd. */
    private static final class Counting implements VirusScanner {
        final VirusScanner delegate;
        final List<Integer> sizes = new ArrayList<>();

        Counting(VirusScanner delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<String> scan(byte[] content) {
            sizes.add(content.length);
            return delegate.scan(content);
        }
    }

    private Path database(String... extraFiles) throws Exception {
        Path db = RoutingSamples.database(home.resolve("db"));
        for (int i = 0; i + 1 < extraFiles.length; i += 2) {
            Files.writeString(db.resolve(extraFiles[i]), extraFiles[i + 1]);
        }
        return db;
    }

    private static byte[] pe(byte[] payload) {
        return RoutingSamples.pe(payload);
    }

    private static byte[] jpeg(byte[] payload) {
        return RoutingSamples.jpeg(payload);
    }

    @Test
    void partsASkippedSignatureMayTargetGoToClamdAndOnlyThose() throws Exception {
        ClamdProcess.requireInstalled();
        Path db = database();
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(db, AvLimits.DEFAULTS);
        assertThat(engine.statistics().unevaluatedTargets()).containsExactly(1);
        try (ClamdProcess clamd = ClamdProcess.startWith(home.resolve("clamd"), db)) {
            Counting counted = new Counting(new ClamdScanner(
                    ClamdConfig.tcp("127.0.0.1", clamd.port()).withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH)));
            RoutingVirusScanner router = new RoutingVirusScanner(engine, counted);

            assertThat(engine.scan(pe(MARKER))).as("the built-in engine skips target 1").isEmpty();
            assertThat(router.scan(pe(MARKER)).map(ClamdAgreement::withoutSuffix)).contains("Test.PeOnly");
            assertThat(counted.sizes).hasSize(1);

            assertThat(router.scan(jpeg(MARKER))).isEmpty();
            assertThat(counted.sizes).as("no skipped signature targets graphics").hasSize(1);
            assertThat(counted.delegate.scan(jpeg(MARKER))).as("clamd agrees: target 1 is not a JPEG").isEmpty();
            counted.sizes.clear();

            assertThat(router.scan(pe(EICAR_LIKE))).contains("Test.AnyFile");
            assertThat(counted.sizes).as("found by the built-in engine: no clamd round trip").isEmpty();
            assertThat(router.scan(pe(new byte[16]))).isEmpty();
            assertThat(counted.sizes).as("a clean PE may be what the skipped signature targets").hasSize(1);
        }
    }

    @Test
    void aSkippedLogicalSignatureForAnyFileSendsEveryCleanPartToClamd() throws Exception {
        Path db = database("t.ldb", "Test.Logical;Engine:51-255,Target:0;0&1;4142434445;4647484950\n");
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(db, AvLimits.DEFAULTS);
        assertThat(engine.statistics().unevaluatedTargets()).containsExactlyInAnyOrder(0, 1);
        List<Integer> routed = new ArrayList<>();
        RoutingVirusScanner router = new RoutingVirusScanner(engine, content -> {
            routed.add(content.length);
            return Optional.empty();
        });
        router.scan(jpeg(new byte[8]));
        router.scan("plain text".getBytes(StandardCharsets.US_ASCII));
        assertThat(routed).hasSize(2);
    }

    @Test
    void aSkippedSignatureForATargetNoMagicNumberTellsApartSendsEveryCleanPartToClamd() throws Exception {
        Path db = database("u.ndb", "Test.Other:14:*:41424344454647\n");
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(db, AvLimits.DEFAULTS);
        assertThat(engine.statistics().unevaluatedTargets()).containsExactlyInAnyOrder(1, 14);
        List<Integer> routed = new ArrayList<>();
        RoutingVirusScanner router = new RoutingVirusScanner(engine, content -> {
            routed.add(content.length);
            return Optional.empty();
        });
        router.scan(jpeg(new byte[8]));
        assertThat(routed).hasSize(1);
    }

    @Test
    void theTargetOfASkippedLineIsReadFromItsFormat() {
        assertThat(SignatureDatabaseLoader.targetOf("ndb", "Name:6:*:41424344")).isEqualTo(6);
        assertThat(SignatureDatabaseLoader.targetOf("ldb", "Name;Engine:81-255,Target:10;0;41424344")).isEqualTo(10);
        assertThat(SignatureDatabaseLoader.targetOf("ldb", "Name;Engine:81-255;0;41424344")).isZero();
        assertThat(SignatureDatabaseLoader.targetOf("mdb", "1024:0123456789abcdef0123456789abcdef:Name")).isEqualTo(1);
        assertThat(SignatureDatabaseLoader.targetOf("ndb", "Name:x:*:41")).isZero();
        assertThat(SignatureDatabaseLoader.targetOf("hdb", "0123:4:Name")).isZero();
    }
}
