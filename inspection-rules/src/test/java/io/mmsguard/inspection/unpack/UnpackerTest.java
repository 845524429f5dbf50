package io.mmsguard.inspection.unpack;

import io.mmsguard.testkit.python.PythonScript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacker against archives written by Python's zipfile and gzip and Info-ZIP's zip (make_archives.py), not by
 * the JDK it reads them with.
 */
class UnpackerTest {
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** The defaults but a ratio no archive reaches, to test the size limits on their own. */
    private static final UnpackLimits NO_RATIO = new UnpackLimits(8, 1000, 3L << 20, 10L << 20, 1_000_000);

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeArchives() throws Exception {
        PythonScript.writeInto(UnpackerTest.class, "/unpack/make_archives.py", dir);
    }

    private static Unpacked unpack(String file) throws IOException {
        return unpack(file, UnpackLimits.DEFAULTS);
    }

    private static Unpacked unpack(String file, UnpackLimits limits) throws IOException {
        return new Unpacker(limits).unpack(file, Files.readAllBytes(dir.resolve(file)));
    }

    private static String text(UnpackedMember m) {
        return new String(m.content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCleanZipGivesEveryFileMemberWithItsPathAndContent() throws Exception {
        Unpacked u = unpack("clean.zip");
        assertThat(u.complete()).as(u.describe()).isTrue();
        assertThat(u.format()).isEqualTo(PackedFormat.ZIP);
        assertThat(u.members()).extracting(UnpackedMember::path)
                .containsExactly("clean.zip!/readme.txt", "clean.zip!/docs/photo.jpg");
        assertThat(u.members()).extracting(UnpackedMember::name).containsExactly("readme.txt", "photo.jpg");
        assertThat(text(u.members().get(0))).isEqualTo("see you at noon\n");
        assertThat(u.members().get(1).content()).hasSize(4 + 1024);
    }

    @Test
    void nestedArchivesAreUnpackedAndKeptAsMembersThemselves() throws Exception {
        Unpacked u = unpack("nested.zip");
        assertThat(u.complete()).as(u.describe()).isTrue();
        assertThat(u.members()).extracting(UnpackedMember::path).containsExactly(
                "nested.zip!/a.txt",
                "nested.zip!/dir/inner.zip",
                "nested.zip!/dir/inner.zip!/x.exe",
                "nested.zip!/dir/inner.zip!/notes.gz",
                "nested.zip!/dir/inner.zip!/notes.gz!/eicar.com");
        assertThat(u.members()).extracting(UnpackedMember::depth).containsExactly(1, 1, 2, 2, 3);
        UnpackedMember eicar = u.members().get(4);
        assertThat(eicar.name()).as("the name in the gzip header").isEqualTo("eicar.com");
        assertThat(text(eicar)).isEqualTo(EICAR);
    }

    @Test
    void aGzipWithoutANameInItsHeaderNamesItsMemberAfterItself() throws Exception {
        Unpacked u = unpack("eicar.com.gz");
        assertThat(u.complete()).isTrue();
        assertThat(u.format()).isEqualTo(PackedFormat.GZIP);
        assertThat(u.members()).singleElement().satisfies(m -> {
            assertThat(m.path()).isEqualTo("eicar.com.gz!/eicar.com");
            assertThat(m.name()).isEqualTo("eicar.com");
            assertThat(text(m)).isEqualTo(EICAR);
        });
    }

    @Test
    void somethingThatIsNotAnArchiveIsNotUnpackedWhateverItIsCalled() {
        Unpacked u = new Unpacker(UnpackLimits.DEFAULTS).unpack("photo.zip", "MZ just bytes".getBytes());
        assertThat(u.format()).isEqualTo(PackedFormat.NONE);
        assertThat(u.complete()).isTrue();
        assertThat(u.members()).isEmpty();
    }

    @Test
    void aBombIsStoppedByTheRatioSoonAfterItCrossesIt() throws Exception {
        Path bomb = dir.resolve("ratio-bomb.zip");
        assertThat(Files.size(bomb)).as("20 MiB of zeros in little space").isLessThan(64 * 1024);
        Unpacked u = unpack("ratio-bomb.zip");
        assertThat(u.problem()).isEqualTo(UnpackProblem.RATIO);
        assertThat(u.where()).isEqualTo("ratio-bomb.zip!/zeros.bin");
        assertThat(u.problem().overLimit()).isTrue();
        assertThat(u.members()).as("the member that crossed the limit is not kept").isEmpty();
    }

    @Test
    void theMemberAndTotalSizeLimitsCountInflatedBytes() throws Exception {
        Unpacked total = unpack("five-mib.zip", NO_RATIO);
        assertThat(total.problem()).as(total.describe()).isEqualTo(UnpackProblem.TOTAL_SIZE);
        assertThat(total.where()).isEqualTo("five-mib.zip!/part3.bin");
        assertThat(total.members()).hasSize(3);

        Unpacked member = unpack("five-mib.zip", new UnpackLimits(8, 1000, 32L << 20, (1L << 20) - 1, 1_000_000));
        assertThat(member.problem()).isEqualTo(UnpackProblem.MEMBER_SIZE);
        assertThat(member.where()).isEqualTo("five-mib.zip!/part0.bin");

        Unpacked exact = unpack("five-mib.zip", new UnpackLimits(8, 1000, 5L << 20, 1L << 20, 1_000_000));
        assertThat(exact.complete()).as("exactly at both limits: " + exact.describe()).isTrue();
        assertThat(exact.members()).hasSize(5);
    }

    @Test
    void theTotalSizeLimitCountsWhatTheMessagesEarlierAttachmentsInflated() throws Exception {
        byte[] five = Files.readAllBytes(dir.resolve("five-mib.zip"));
        UnpackLimits sixMib = new UnpackLimits(8, 1000, 6L << 20, 10L << 20, 1_000_000);
        assertThat(new Unpacker(sixMib).unpack("first.zip", five, 0).complete()).isTrue();
        Unpacked second = new Unpacker(sixMib).unpack("second.zip", five, 5L << 20);
        assertThat(second.problem()).isEqualTo(UnpackProblem.TOTAL_SIZE);
        assertThat(second.where()).isEqualTo("second.zip!/part1.bin");
        assertThat(second.inflated()).isEqualTo(1L << 20);
    }

    @Test
    void nestingDeeperThanTheLimitIsStopped() throws Exception {
        Unpacked u = unpack("deep.zip");
        assertThat(u.problem()).isEqualTo(UnpackProblem.DEPTH);
        assertThat(u.where()).isEqualTo("deep.zip!/level8.zip!/level7.zip!/level6.zip!/level5.zip!/level4.zip"
                + "!/level3.zip!/level2.zip!/level1.zip");

        Unpacked deepEnough = unpack("deep.zip", new UnpackLimits(10, 1000, 32L << 20, 10L << 20, 100));
        assertThat(deepEnough.complete()).as(deepEnough.describe()).isTrue();
        assertThat(deepEnough.members()).last().satisfies(m -> {
            assertThat(m.name()).isEqualTo("deep.txt");
            assertThat(m.depth()).isEqualTo(10);
        });
    }

    @Test
    void moreEntriesThanTheLimitAreRefusedFromTheDirectoryBeforeAnythingIsInflated() throws Exception {
        Unpacked u = unpack("many.zip");
        assertThat(u.problem()).isEqualTo(UnpackProblem.ENTRIES);
        assertThat(u.members()).isEmpty();

        Unpacked enough = unpack("many.zip", new UnpackLimits(8, 1001, 32L << 20, 10L << 20, 100));
        assertThat(enough.complete()).isTrue();
        assertThat(enough.members()).hasSize(1001);
    }

    @Test
    void anEncryptedZipCannotBeOpened() throws Exception {
        if (!Files.exists(dir.resolve("encrypted.zip")) && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("Info-ZIP's zip is required (MMSGUARD_REQUIRE_ORACLES=true) but missing");
        }
        Assumptions.assumeTrue(Files.exists(dir.resolve("encrypted.zip")), "Info-ZIP's zip is not installed");
        Unpacked u = unpack("encrypted.zip");
        assertThat(u.problem()).isEqualTo(UnpackProblem.ENCRYPTED);
        assertThat(u.problem().overLimit()).isFalse();
        assertThat(u.describe()).isEqualTo("encrypted.zip: encrypted (entry secret.txt)");
    }

    @Test
    void truncatedOrDamagedArchivesAreCorrupt() throws Exception {
        assertThat(unpack("truncated.zip").problem()).isEqualTo(UnpackProblem.CORRUPT);
        Unpacked damaged = unpack("damaged.zip");
        assertThat(damaged.problem()).as(damaged.describe()).isEqualTo(UnpackProblem.CORRUPT);
        assertThat(damaged.members()).isEmpty();
        assertThat(unpack("truncated.gz").problem()).isEqualTo(UnpackProblem.CORRUPT);
    }

    @Test
    void aCentralDirectoryThatNamesOtherEntriesThanTheLocalHeadersIsCorrupt() throws Exception {
        Unpacked u = unpack("hidden.zip");
        assertThat(u.problem()).isEqualTo(UnpackProblem.CORRUPT);
        assertThat(u.detail()).contains("[x.exe]").contains("[a.txt]");
    }

    @Test
    void gzipMemberNamesComeFromTheHeaderElseTheContainer() {
        assertThat(Unpacker.gzipName("a.zip!/logs.tgz", new byte[] {0x1f, (byte) 0x8b})).isEqualTo("logs.tar");
        assertThat(Unpacker.gzipName("report.PDF.GZ", new byte[0])).isEqualTo("report.PDF");
        assertThat(Unpacker.gzipName("blob", new byte[0])).isEqualTo("blob");
        assertThat(Unpacker.baseName("dir\\sub/x.exe")).isEqualTo("x.exe");
    }
}
