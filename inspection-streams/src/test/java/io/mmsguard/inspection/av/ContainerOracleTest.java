package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.EICAR;
import static io.mmsguard.inspection.av.Databases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmsguard.testkit.clamav.Sigtool;

/**
 * ClamAV's own tools as the oracle for containers: sigtool builds one (the way the official databases are built,
 * less the signing key) that the built-in engine must load; sigtool unpacks the ones built by hand here, accepting
 * and refusing what the loader accepts and refuses; clamd and the built-in engine, loaded from the same container,
 * give the same verdicts.
 */
class ContainerOracleTest {
    private static final String SHA256_TEXT = "mmsguard container sha256 sample\n";

    @TempDir
    Path home;

    /** One signature file of each format the engine reads, named for sigtool's build of database "mixed". */
    private Path sources() throws Exception {
        Path src = Files.createDirectories(home.resolve("src"));
        Files.writeString(src.resolve("COPYING"), "Signatures for tests of mmsguard.\n");
        Files.writeString(src.resolve("mixed.hdb"), "44d88612fea8a8f36de82e1278abb02f:68:Mixed.Eicar.Md5\n");
        String sha = HexFormat.of().formatHex(Containers.digest("SHA-256", bytes(SHA256_TEXT)));
        Files.writeString(src.resolve("mixed.hsb"), sha + ":" + SHA256_TEXT.length() + ":Mixed.Sha256\n");
        Files.writeString(src.resolve("mixed.ndb"), String.join("\n",
                "Mixed.Body:0:*:" + Databases.hex("mixed body") + "{2-4}" + Databases.hex("signature"),
                "Mixed.Offset:0:4:" + Databases.hex("at four") + "??" + Databases.hex("ok"), ""));
        return src;
    }

    private static Map<String, byte[]> samples() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("eicar", EICAR);
        s.put("eicar plus a byte", (new String(EICAR, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        s.put("sha256 text", bytes(SHA256_TEXT));
        s.put("sha256 text changed", bytes(SHA256_TEXT.toUpperCase(java.util.Locale.ROOT)));
        s.put("body with gap 3", bytes("xxxx mixed body123signature xxxx"));
        s.put("body with gap 5", bytes("xxxx mixed body12345signature xxxx"));
        s.put("offset 4", bytes("0123at four!ok and more"));
        s.put("offset 5", bytes("01234at four!ok and more"));
        s.put("clean text", bytes("nothing to see in this message at all"));
        return s;
    }

    @Test
    void aContainerBuiltBySigtoolLoadsAndClamdAgreesOnItsVerdicts() throws Exception {
        Sigtool.requireInstalled();
        Path cud = Sigtool.buildUnsigned(sources(), "mixed", 11);
        Path db = Files.createDirectories(home.resolve("db"));
        Files.copy(cud, db.resolve("mixed.cud"));

        LoadStatistics s = new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(db).statistics();
        assertThat(s.files()).containsExactly("mixed.cud/mixed.hdb", "mixed.cud/mixed.hsb", "mixed.cud/mixed.ndb");
        assertThat(new int[] {s.md5Hashes(), s.sha256Hashes(), s.bodySignatures(), s.skippedLines()})
                .containsExactly(1, 1, 2, 0);
        // sigtool wrote the MD5 of the archive into the header: the same bytes pass as a .cvd's
        Path asCvd = Files.createDirectories(home.resolve("as-cvd"));
        Files.copy(cud, asCvd.resolve("mixed.cvd"));
        assertThat(new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(asCvd).statistics().signatures())
                .isEqualTo(4);

        ClamdAgreement.assertAgreement(ClamdAgreement.scan(home.resolve("clamd"), db, samples()));
    }

    @Test
    void sigtoolUnpacksTheContainersBuiltByHandAndRefusesTheOnesTheLoaderRefuses() throws Exception {
        Sigtool.requireInstalled();
        byte[] ndb = bytes("Hand.Body:0:*:" + Databases.hex("by hand") + "\n");
        for (boolean gzip : new boolean[] {true, false}) {
            Containers c = Containers.of().member("test.ndb", ndb);
            byte[] container = (gzip ? c : c.uncompressed()).build();
            Path out = Files.createDirectories(home.resolve("unpacked-" + gzip));
            Path file = Files.write(home.resolve("hand-" + gzip + ".cud"), container);
            Sigtool.run(out, "", "--unpack=" + file).requireSuccess();
            assertThat(Files.readAllBytes(out.resolve("test.ndb"))).isEqualTo(ndb);
            assertThat(out.resolve("test.info")).exists();
            Path db = Files.createDirectories(home.resolve("db-" + gzip));
            Files.write(db.resolve("hand.cld"), container);
            assertThat(new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(db).match(bytes("..by hand..")))
                    .contains("Hand.Body");
        }

        // the .info describes a member of the same size with one byte changed: only the SHA-256 tells
        byte[] other = ndb.clone();
        other[0] = 'X';
        byte[] altered = Containers.of().member("test.ndb", ndb).infoDescribes("test.ndb", other).build();
        Path out = Files.createDirectories(home.resolve("unpacked-altered"));
        Sigtool.Result refused = Sigtool.run(out, "", "--unpack=" + Files.write(home.resolve("altered.cud"), altered));
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Invalid checksum for file test.ndb");
        Path db = Files.createDirectories(home.resolve("db-altered"));
        Files.write(db.resolve("altered.cud"), altered);
        assertThatThrownBy(() -> new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(db))
                .hasMessageContaining("member test.ndb has");
    }

    @Test
    void clamdAndTheBuiltInEngineAgreeOnAContainerBuiltByHand() throws Exception {
        Path db = Files.createDirectories(home.resolve("db"));
        Containers c = Containers.of().signatures(3);
        for (String f : new String[] {"mixed.hdb", "mixed.hsb", "mixed.ndb"}) {
            c.member(f, Files.readAllBytes(sources().resolve(f)));
        }
        Files.write(db.resolve("hand.cud"), c.uncompressed().build());
        ClamdAgreement.assertAgreement(ClamdAgreement.scan(home.resolve("clamd"), db, samples()));
    }
}
