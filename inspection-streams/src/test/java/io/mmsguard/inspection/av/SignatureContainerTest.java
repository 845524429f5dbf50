package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.EICAR;
import static io.mmsguard.inspection.av.Databases.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers built by hand: what loads, and the clear error for each way a container can be broken. */
class SignatureContainerTest {
    private static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f:68:Test.Eicar.Hash";
    private static final String BODY = "Test.Body:0:*:" + Databases.hex("container body sig");

    @TempDir
    Path dir;

    private SignatureDatabase load(String fileName, byte[] container) throws IOException {
        return load(AvLimits.DEFAULTS, fileName, container);
    }

    private SignatureDatabase load(AvLimits limits, String fileName, byte[] container) throws IOException {
        // a directory of its own per load, so that one test can try several broken containers in turn
        Path own = Files.createTempDirectory(dir, "db");
        Files.write(own.resolve(fileName), container);
        return new SignatureDatabaseLoader(limits).loadDirectory(own);
    }

    private static Containers testDb() {
        return Containers.of().member("test.hdb", EICAR_MD5 + "\n").member("test.ndb", BODY + "\n").signatures(2);
    }

    @Test
    void aCvdLoadsItsMembersThroughTheirFormatsParsers() throws IOException {
        SignatureDatabase db = load("test.cvd", testDb().build());
        assertThat(db.statistics().md5Hashes()).isEqualTo(1);
        assertThat(db.statistics().bodySignatures()).isEqualTo(1);
        assertThat(db.statistics().skippedLines()).isZero();
        assertThat(db.statistics().files()).containsExactly("test.cvd/test.hdb", "test.cvd/test.ndb");
        assertThat(db.match(EICAR)).contains("Test.Eicar.Hash");
        assertThat(db.match(bytes("..container body sig.."))).contains("Test.Body");
        assertThat(db.match(bytes("container body"))).isEmpty();
    }

    @Test
    void anUncompressedCldLoads() throws IOException {
        byte[] cld = testDb().uncompressed().withoutMd5().build();
        assertThat(new String(cld, CvdHeader.SIZE, 7, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("COPYING");
        SignatureDatabase db = load("test.cld", cld);
        assertThat(db.match(EICAR)).contains("Test.Eicar.Hash");
    }

    @Test
    void aCvdWhoseArchiveChangedFailsItsMd5() throws IOException {
        byte[] cvd = testDb().build();
        cvd[cvd.length - 10] ^= 1;
        assertThatThrownBy(() -> load("test.cvd", cvd)).isInstanceOf(SignatureContainerException.class)
                .hasMessageContaining("test.cvd: MD5 of the archive is");
    }

    @Test
    void aTruncatedCvdFailsItsMd5AndATruncatedCldItsArchive() throws IOException {
        byte[] cvd = testDb().build();
        assertThatThrownBy(() -> load("test.cvd", Arrays.copyOf(cvd, cvd.length - 20)))
                .hasMessageContaining("MD5 of the archive");
        byte[] cld = testDb().uncompressed().build();
        assertThatThrownBy(() -> load("test.cld", Arrays.copyOf(cld, CvdHeader.SIZE + 512 * 3 + 100)))
                .isInstanceOf(IOException.class).hasMessageContaining("test.cld: tar: archive ends inside a member");
    }

    @Test
    void aCvdWithoutMd5IsRefused() {
        assertThatThrownBy(() -> load("test.cvd", testDb().withoutMd5().build()))
                .hasMessageContaining("no MD5 of the archive");
    }

    @Test
    void aMemberThatDiffersFromTheInfoIsRefused() {
        byte[] cld = testDb().infoDescribes("test.ndb", bytes(BODY + "\nExtra:0:*:41424344\n")).build();
        assertThatThrownBy(() -> load("test.cld", cld)).isInstanceOf(SignatureContainerException.class)
                .hasMessageContaining("member test.ndb has").hasMessageContaining("the .info lists");
    }

    @Test
    void aMemberMissingFromTheInfoOrAMissingInfoIsRefused() throws IOException {
        assertThatThrownBy(() -> load("test.cld", testDb().notInInfo("test.hdb").build()))
                .hasMessageContaining("member test.hdb is not listed in the .info");
        assertThatThrownBy(() -> load("test.cld", testDb().withoutInfo().build()))
                .hasMessageContaining("no .info member");
    }

    @Test
    void anInfoDescribingAnotherDatabaseIsRefused() {
        Containers c = testDb();
        String other = c.headerLine("X").replace(":7:2:", ":8:2:");
        assertThatThrownBy(() -> load("test.cvd", c.infoHeader(other).build()))
                .hasMessageContaining("the .info header (version 8, 2 signatures) does not describe the container's"
                        + " (version 7");
        assertThatThrownBy(() -> load("test.cld", testDb().infoHeader("garbage").build()))
                .hasMessageContaining(".info line 1: not a ClamAV database header");
        assertThatThrownBy(() -> load("test.cld", testDb().member("test.info", "hdr\n").build()))
                .isInstanceOf(SignatureContainerException.class);
    }

    @Test
    void malformedHeadersAreRefusedWithTheirReason() {
        byte[] good = testDb().build();
        assertThatThrownBy(() -> load("a.cvd", withHeader(good, "ClamAV-XYZ:x:1:1:1:X:X:b:1")))
                .hasMessageContaining("a.cvd: not a ClamAV database header");
        assertThatThrownBy(() -> load("b.cvd", withHeader(good, "ClamAV-VDB:x:1:1:1:X:X:b")))
                .hasMessageContaining("header has 8 ':'-separated fields, expected 9");
        assertThatThrownBy(() -> load("c.cvd", withHeader(good, "ClamAV-VDB:x:seven:1:1:X:X:b:1")))
                .hasMessageContaining("header field version is not a decimal number: 'seven'");
        assertThatThrownBy(() -> load("d.cvd", Arrays.copyOf(good, 300)))
                .hasMessageContaining("d.cvd: 300 bytes: shorter than the 512-byte header");
    }

    @Test
    void anArchiveThatIsNeitherGzipNorTarIsRefused() {
        byte[] c = testDb().build();
        c[CvdHeader.SIZE] = 'x';
        assertThatThrownBy(() -> load("test.cld", c)).hasMessageContaining("neither gzip nor a tar");
    }

    @Test
    void membersWithPathsOrOfOtherTypesAreRefused() {
        assertThatThrownBy(() -> load("test.cld", rawTar(Containers.tarHeader("sub/test.ndb", 0, (byte) '0'))))
                .hasMessageContaining("member 'sub/test.ndb' at offset 1024 has a path");
        assertThatThrownBy(() -> load("test.cld", rawTar(Containers.tarHeader("link", 0, (byte) '2'))))
                .hasMessageContaining("member 'link' at offset 1024 has type '2'");
        byte[] badSize = Containers.tarHeader("x.ndb", 0, (byte) '0');
        badSize[124] = '9';
        assertThatThrownBy(() -> load("test.cld", rawTar(badSize))).hasMessageContaining("size field that is not octal");
    }

    @Test
    void archiveLimitsAreCheckedFromTheHeadersBeforeAnyContentIsRead() throws IOException {
        byte[] db = testDb().member("big.ndb", new byte[10_000]).build();
        AvLimits tight = AvLimits.DEFAULTS;
        assertThatThrownBy(() -> load(tight.withArchive(1 << 20, 3, 1 << 20, 1 << 20), "test.cvd", db))
                .hasMessageContaining("more than 3 members (limit)");
        assertThatThrownBy(() -> load(tight.withArchive(1 << 20, 10, 5000, 1 << 20), "test.cvd", db))
                .hasMessageContaining("member 'big.ndb' of 10000 bytes exceeds the limit of 5000");
        assertThatThrownBy(() -> load(tight.withArchive(1 << 20, 10, 10_000, 10_100), "test.cvd", db))
                .hasMessageContaining("members exceed 10100 bytes together (limit)");
        assertThatThrownBy(() -> load(tight.withArchive(1000, 10, 10_000, 20_000), "test.cvd", db))
                .hasMessageContaining("exceeds the container limit of 1000");
    }

    @Test
    void aGzipBombDeclaringAHugeMemberFailsAtItsHeader() throws IOException {
        // 1 GiB of zeros declared: the tar header alone decides, nothing of it is inflated.
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Containers.tarEntry(tar, "COPYING", bytes("x"));
        tar.writeBytes(Containers.tarHeader("bomb.ndb", 1L << 30, (byte) '0'));
        tar.writeBytes(new byte[1 << 16]);
        byte[] body = Containers.gzip(tar.toByteArray());
        byte[] c = concat(headerBytes("X"), body);
        assertThatThrownBy(() -> load(AvLimits.DEFAULTS.withArchive(1 << 20, 10, 1 << 20, 1 << 21), "b.cld", c))
                .hasMessageContaining("member 'bomb.ndb' of 1073741824 bytes exceeds the limit");
    }

    @Test
    void membersInFormatsTheEngineDoesNotReadAreCountedPerFormatNotDropped() throws IOException {
        byte[] c = testDb().member("test.wdb", "M:example.com:example.net\nM:example.org:example.net\n# note\n")
                .member("test.ftm", "0:0:cafebabe:Java:CL_TYPE_ANY:CL_TYPE_JAVA\n").member("test.cfg", "DOCUMENT:0x1\n")
                .build();
        LoadStatistics s = load("test.cvd", c).statistics();
        assertThat(s.skippedByReason()).containsEntry("unsupported: file format .wdb", 2)
                .containsEntry("unsupported: file format .ftm", 1).hasSize(2);
        assertThat(s.coverage()).isEqualTo(2.0 / 5);
        assertThat(s.files()).contains("test.cvd/test.wdb", "test.cvd/test.ftm").doesNotContain("test.cvd/test.cfg");
    }

    @Test
    void ofADatabaseAsCvdAndCldTheNewerLoads() throws IOException {
        Files.write(dir.resolve("daily.cvd"), Containers.of().member("daily.ndb", "Old:0:*:4f4c44444444\n").version(5)
                .build());
        Files.write(dir.resolve("daily.cld"), Containers.of().member("daily.ndb", "New:0:*:4e4557575757\n").version(6)
                .build());
        SignatureDatabase db = new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir);
        assertThat(db.statistics().files()).containsExactly("daily.cld/daily.ndb");
        Files.write(dir.resolve("daily.cvd"), Containers.of().member("daily.ndb", "Old:0:*:4f4c44444444\n").version(7)
                .build());
        assertThat(new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir).statistics().files())
                .containsExactly("daily.cvd/daily.ndb");
    }

    /** ClamAV database files the engine does not evaluate (h.ldb) are read too, to be counted as skipped. */
    @Test
    void theWatcherPollsContainersAndEveryDatabaseFile() throws IOException {
        for (String f : new String[] {"a.cvd", "b.CLD", "c.cud", "d.mdb", "e.msb", "f.ndb", "g.txt", "h.ldb"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        assertThat(SignatureDatabaseLoader.signatureFiles(dir)).map(p -> p.getFileName().toString())
                .containsExactly("a.cvd", "b.CLD", "c.cud", "d.mdb", "e.msb", "f.ndb", "h.ldb");
    }

    @Test
    void randomlyDamagedContainersFailWithAnIoExceptionOrLoad() throws IOException {
        byte[] good = testDb().member("more.ndb", "More:0:*:" + Databases.hex("more and more") + "\n").build();
        byte[] tarOnly = testDb().uncompressed().withoutMd5().build();
        Random r = new Random(20261207);
        SignatureDatabaseLoader loader =
                new SignatureDatabaseLoader(AvLimits.DEFAULTS.withArchive(1 << 20, 16, 1 << 16, 1 << 18));
        int loaded = 0;
        for (int i = 0; i < 400; i++) {
            byte[] c = (i % 2 == 0 ? good : tarOnly).clone();
            int flips = 1 + r.nextInt(4);
            for (int k = 0; k < flips; k++) {
                c[r.nextInt(c.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                c = Arrays.copyOf(c, r.nextInt(c.length));
            }
            Path f = dir.resolve(i % 2 == 0 ? "x.cvd" : "x.cld");
            Files.write(f, c);
            try {
                loader.loadDirectory(dir);
                loaded++;
            } catch (IOException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            Files.delete(f);
        }
        // Flips in the padding, the COPYING member or the header's free text leave a loadable container.
        assertThat(loaded).isBetween(1, 399);
    }

    private static byte[] rawTar(byte[] header) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Containers.tarEntry(tar, "COPYING", bytes("x"));
        tar.writeBytes(header);
        tar.writeBytes(new byte[1024]);
        return concat(headerBytes("X"), tar.toByteArray());
    }

    private static byte[] headerBytes(String md5) {
        byte[] h = new byte[CvdHeader.SIZE];
        Arrays.fill(h, (byte) ' ');
        byte[] line = Containers.of().headerLine(md5).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, h, 0, line.length);
        return h;
    }

    private static byte[] withHeader(byte[] container, String line) {
        byte[] c = container.clone();
        Arrays.fill(c, 0, CvdHeader.SIZE, (byte) ' ');
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
