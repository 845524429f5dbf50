package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.EICAR;
import static io.mmsguard.inspection.av.Databases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.mmsguard.inspection.scan.ScanFailedException;
import io.mmsguard.testkit.clamav.ClamdProcess;

/** Against a real clamd started by the test, and the built-in engine cross-checked against it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClamdScannerTest {
    /** clamd marks names from databases that are not ClamAV's signed ones. */
    private static final String UNOFFICIAL = ".UNOFFICIAL";

    @TempDir
    static Path home;
    static ClamdProcess clamd;

    @BeforeAll
    static void startClamd() throws Exception {
        ClamdProcess.requireInstalled();
        // With the module's shipped test signatures.
        Path db = Files.createDirectories(home.resolve("db"));
        for (String resource : Databases.SHIPPED) {
            try (InputStream in = ClamdScannerTest.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, db.resolve(Path.of(resource).getFileName()));
            }
        }
        clamd = ClamdProcess.startWith(home, db);
    }

    private static ClamdConfig tcp() {
        return ClamdConfig.tcp("127.0.0.1", clamd.port()).withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH);
    }

    private static ClamdConfig unix() {
        return ClamdConfig.unixSocket(clamd.socket()).withMaxStreamBytes(ClamdProcess.STREAM_MAX_LENGTH);
    }

    @AfterAll
    static void stopClamd() throws Exception {
        if (clamd != null) {
            clamd.close();
        }
    }

    /** The EICAR signature's name as written in the shipped .ndb file, not as hard-coded here. */
    private static String eicarNameInSignatureFile() throws Exception {
        return Files.readAllLines(clamd.database().resolve("mmsguard-test.ndb")).stream()
                .filter(l -> l.contains(java.util.HexFormat.of().formatHex(EICAR))).map(l -> l.split(":")[0])
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void pingAnswers() {
        assertThat(new ClamdScanner(tcp()).ping()).isTrue();
        assertThat(new ClamdScanner(unix()).ping()).isTrue();
    }

    @Test
    @Order(2)
    void tcpFindsEicarByTheNameInOurSignatureFile() throws Exception {
        ClamdScanner scanner = new ClamdScanner(tcp());
        assertThat(scanner.scan(EICAR)).contains(eicarNameInSignatureFile() + UNOFFICIAL);
        assertThat(scanner.scan(bytes("a perfectly clean picture caption"))).isEmpty();
    }

    @Test
    @Order(3)
    void unixSocketFindsEicarInsideLargerContentOverManyChunks() throws Exception {
        ClamdConfig small = new ClamdConfig(unix().address(), unix().connectTimeout(),
                unix().readTimeout(), ClamdProcess.STREAM_MAX_LENGTH, 4096);
        ClamdScanner scanner = new ClamdScanner(small);
        byte[] big = new byte[300_000];
        new Random(3).nextBytes(big);
        assertThat(scanner.scan(big)).isEmpty();
        System.arraycopy(EICAR, 0, big, 150_001, EICAR.length);
        assertThat(scanner.scan(big)).contains(eicarNameInSignatureFile() + UNOFFICIAL);
        assertThat(scanner.scan(new byte[0])).isEmpty();
    }

    @Test
    @Order(4)
    void contentOverOurLimitFailsBeforeSending() {
        assertThat(new ClamdScanner(tcp()).scan(new byte[(int) ClamdProcess.STREAM_MAX_LENGTH]))
                .as("exactly StreamMaxLength is accepted by clamd").isEmpty();
        ClamdScanner scanner = new ClamdScanner(tcp().withMaxStreamBytes(100));
        assertThat(scanner.scan(new byte[100])).isEmpty();
        assertThatThrownBy(() -> scanner.scan(new byte[101])).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("limit");
    }

    @Test
    @Order(5)
    void contentOverClamdsStreamMaxLengthFailsWhenTheClientLimitIsMisconfigured() {
        ClamdScanner scanner = new ClamdScanner(tcp().withMaxStreamBytes(8 * ClamdProcess.STREAM_MAX_LENGTH));
        assertThatThrownBy(() -> scanner.scan(new byte[(int) (2 * ClamdProcess.STREAM_MAX_LENGTH)]))
                .isInstanceOf(ScanFailedException.class);
        assertThat(scanner.ping()).as("clamd survives").isTrue();
    }

    @Test
    @Order(6)
    void builtInEngineGivesClamdsVerdictsOnTheSameSignatureFiles() throws Exception {
        ClamavSignatureEngine engine = ClamavSignatureEngine.fromDirectory(clamd.database(), AvLimits.DEFAULTS);
        assertThat(engine.statistics().skippedLines()).isZero();
        ClamdScanner tcp = new ClamdScanner(tcp());
        Map<String, byte[]> samples = samples();
        int infected = 0;
        for (Map.Entry<String, byte[]> s : samples.entrySet()) {
            Optional<String> builtIn = engine.scan(s.getValue());
            Optional<String> byClamd = tcp.scan(s.getValue()).map(ClamdScannerTest::officialName);
            assertThat(builtIn).as(s.getKey()).isEqualTo(byClamd);
            infected += builtIn.isPresent() ? 1 : 0;
        }
        assertThat(infected).as("the samples exercise both verdicts").isBetween(1, samples.size() - 1);
    }

    private static String officialName(String clamdName) {
        return clamdName.endsWith(UNOFFICIAL) ? clamdName.substring(0, clamdName.length() - UNOFFICIAL.length())
                : clamdName;
    }

    private static Map<String, byte[]> samples() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] random = new byte[50_000];
        new Random(11).nextBytes(random);
        m.put("random", random.clone());
        m.put("eicar", EICAR);
        byte[] withEicar = random.clone();
        System.arraycopy(EICAR, 0, withEicar, 25_000, EICAR.length);
        m.put("eicar in random", withEicar);
        byte[] truncated = java.util.Arrays.copyOf(EICAR, EICAR.length - 1);
        m.put("eicar minus last byte", truncated);
        m.put("md5 hash sample", bytes("mmsguard hash test sample\n"));
        m.put("md5 hash sample, other size", bytes("mmsguard hash test sample\n "));
        m.put("sha256 hash sample", bytes("mmsguard sha256 test sample\n"));
        m.put("sha1 any-size sample", bytes("mmsguard sha1 any size sample"));
        for (String s : List.of("xxMMSGabUARDz-BCqqqENDyy", "MMSGabcdUARD?-AEND", "MMSGaUARD?-AEND",
                "MMSGabcdeUARD?-AEND", "MMSGabUARD?-CEND", "MMSGabUARD?-BEND", "MMSGabUARD?-Aend",
                "MGNIBBLETEST", "MG7NIBBLETEST", "0123456789abcdefMG5NIBBLETEST", "0123456789abcdefgMG5NIBBLETEST",
                "MG\u00c7NIBBLETEST", "MG:NIBBLETEST")) {
            m.put(s, bytes(s));
        }
        return m;
    }

    @Test
    @Order(100)
    void stoppedClamdFailsTheScan() throws Exception {
        clamd.close();
        ClamdScanner tcp = new ClamdScanner(tcp());
        ClamdScanner unix = new ClamdScanner(unix());
        assertThat(tcp.ping()).isFalse();
        assertThatThrownBy(() -> tcp.scan(EICAR)).isInstanceOf(ScanFailedException.class);
        assertThatThrownBy(() -> unix.scan(EICAR)).isInstanceOf(ScanFailedException.class);
    }
}
