package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.EICAR;
import static io.mmsguard.inspection.av.Databases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureDatabaseLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shippedDatabaseLoadsWithoutSkipsAndFindsEicarInTheMiddleOfALargeBuffer() {
        SignatureDatabase db = Databases.shipped();
        assertThat(db.statistics().skippedLines()).isZero();
        assertThat(db.statistics().md5Hashes()).isEqualTo(2);
        assertThat(db.statistics().sha1Hashes()).isEqualTo(1);
        assertThat(db.statistics().sha256Hashes()).isEqualTo(1);
        assertThat(db.statistics().bodySignatures()).isEqualTo(3);

        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        assertThat(db.match(big)).isEmpty();
        System.arraycopy(EICAR, 0, big, 500_000, EICAR.length);
        assertThat(db.match(big)).contains("MmsGuard.Test.Eicar");
        assertThat(db.match(EICAR)).contains("MmsGuard.Test.Eicar");
    }

    @Test
    void shippedHashAndBodySignaturesMatch() {
        SignatureDatabase db = Databases.shipped();
        assertThat(db.match(bytes("mmsguard hash test sample\n"))).contains("MmsGuard.Test.HashSample");
        assertThat(db.match(bytes("mmsguard hash test sample\n\n"))).isEmpty();
        assertThat(db.match(bytes("mmsguard sha256 test sample\n"))).contains("MmsGuard.Test.Sha256Sample");
        assertThat(db.match(bytes("mmsguard sha1 any size sample"))).contains("MmsGuard.Test.Sha1AnySize");
        assertThat(db.match(bytes("xxMMSGabUARDz-BCqqqENDyy"))).contains("MmsGuard.Test.Wildcards");
        assertThat(db.match(bytes("xxMMSGabUARDz-CqqqENDyy"))).isEmpty();
        assertThat(db.match(bytes("abcdMG7NIBBLETEST"))).contains("MmsGuard.Test.NibbleOffset");
        assertThat(db.match(bytes("abcdMGANIBBLETEST"))).isEmpty();
    }

    @Test
    void hashSignatureNeedsTheExactSize() throws IOException {
        String md5 = "44d88612fea8a8f36de82e1278abb02f";
        SignatureDatabase db = Databases.file("x.hdb", md5 + ":67:WrongSize");
        assertThat(db.match(EICAR)).isEmpty();
        assertThat(Databases.file("x.hsb", md5 + ":*:AnySize:73").match(EICAR)).contains("AnySize");
    }

    @Test
    void malformedLinesAreSkippedAndCountedAndTheRestLoads() throws IOException {
        Files.writeString(dir.resolve("a.ndb"), String.join("\n",
                "Good:0:*:41424344",
                "Bad:0:*:4142zz",
                "Pe:1:*:41424344",
                "",
                "Short:0:*",
                "Good2:0:10:45464748") + "\n");
        Files.writeString(dir.resolve("b.hdb"), "nonsense\n44d88612fea8a8f36de82e1278abb02f:68:E\r\n");
        Files.writeString(dir.resolve("c.ndb"), "Long:0:*:" + "41".repeat(100) + "\n");
        Files.writeString(dir.resolve("ignored.txt"), "Not:0:*:41424344\n");
        SignatureDatabase db = new SignatureDatabaseLoader(new AvLimits(64, 2048, 1 << 20)).loadDirectory(dir);
        LoadStatistics s = db.statistics();
        assertThat(s.bodySignatures()).isEqualTo(2);
        assertThat(s.md5Hashes()).isEqualTo(1);
        assertThat(s.skippedLines()).isEqualTo(5);
        assertThat(s.skippedByReason()).containsOnly(java.util.Map.entry("malformed", 3),
                java.util.Map.entry("unsupported: target type 1 (PE)", 1), java.util.Map.entry("line too long", 1));
        assertThat(s.coverage()).isEqualTo(3.0 / 8);
        assertThat(s.files()).containsExactly("a.ndb", "b.hdb", "c.ndb");
        assertThat(db.match(bytes("xxABCDxx"))).contains("Good");
        assertThat(db.match(EICAR)).contains("E");
    }

    @Test
    void aLoadWithoutAnySignatureFails() throws IOException {
        Files.writeString(dir.resolve("a.ndb"), "garbage\n");
        assertThatThrownBy(() -> new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir.resolve("none")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void manySignaturesSharingAnchorPrefixesAllMatch() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("S").append(i).append(":0:*:").append(Databases.hex("sig" + i + "end")).append('\n');
        }
        Files.writeString(dir.resolve("m.ndb"), sb.toString(), StandardCharsets.ISO_8859_1);
        SignatureDatabase db = new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir);
        for (int i = 0; i < 300; i += 17) {
            byte[] c = bytes("....sig" + i + "end....");
            assertThat(db.match(c)).as("S%d", i).isEqualTo(Optional.of("S" + i));
        }
        assertThat(db.match(bytes("sig1en"))).isEmpty();
        assertThat(Arrays.asList("x")).isNotEmpty();
    }
}
