package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mmsguard.inspection.scan.ScanFailedException;
import io.mmsguard.testkit.clamav.PeFiles;

/** PE section hash signatures ({@code .mdb}/{@code .msb}): parsing, matching, limits, and clamd's verdicts. */
class SectionHashTest {
    private static final Random R = new Random(42);
    static final byte[] CODE = random(0x300);
    static final byte[] DATA = "the data section of a test executable".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] PE = PeFiles.of(CODE, DATA).build();

    @TempDir
    Path home;

    /** The hash of section {@code index} of {@code pe}, and its size, as ClamAV takes them. */
    static String sectionHash(byte[] pe, int index, String algorithm) {
        PeSections.Range s = PeSections.of(pe, pe.length).get(index);
        byte[] bytes = Arrays.copyOfRange(pe, s.offset(), s.offset() + s.length());
        return s.length() + ":" + HexFormat.of().formatHex(Containers.digest(algorithm, bytes));
    }

    @Test
    void aSectionHashMatchesThatSectionOfAPeAndNothingElse() {
        SignatureDatabase db = Databases.file("t.mdb", sectionHash(PE, 1, "MD5") + ":Test.Section.Data");
        assertThat(db.statistics().sectionHashes()).isEqualTo(1);
        assertThat(db.match(PE)).contains("Test.Section.Data");
        byte[] changed = PE.clone();
        changed[PeFiles.of(CODE, DATA).rawOffset(1) + 3] ^= 1;
        assertThat(db.match(changed)).isEmpty();
        // the same bytes outside a PE, or in a file that only looks like one, are not a section
        PeSections.Range s = PeSections.of(PE, PE.length).get(1);
        assertThat(db.match(Arrays.copyOfRange(PE, s.offset(), s.offset() + s.length()))).isEmpty();
        byte[] notPe = PE.clone();
        notPe[PeFiles.LFANEW] = 'X';
        assertThat(db.match(notPe)).isEmpty();
    }

    @Test
    void msbTakesSha1AndSha256AndAnySizeFromFunctionalityLevel73() {
        String sha1 = sectionHash(PE, 0, "SHA-1");
        String sha256Any = "*:" + sectionHash(PE, 1, "SHA-256").split(":")[1];
        SignatureDatabase db = Databases.file("t.msb", sha1 + ":Test.Sha1", sha256Any + ":Test.Sha256Any:73",
                sha256Any + ":Test.NoLevel", sha256Any + ":Test.LowLevel:72");
        assertThat(db.statistics().sectionHashes()).isEqualTo(2);
        assertThat(db.statistics().skippedByReason()).containsOnly(Map.entry("malformed", 2));
        assertThat(db.match(PE)).contains("Test.Sha1");
        assertThat(db.match(PeFiles.of(random(0x200), DATA).build())).contains("Test.Sha256Any");
    }

    @Test
    void malformedSectionHashLinesAreSkippedWithTheirReason() {
        String md5 = "0123456789abcdef0123456789abcdef";
        SignatureDatabase db = Databases.file("t.mdb", "512:" + md5 + ":Good", md5 + ":512:HashFirst",
                "0:" + md5 + ":ZeroSize", "512:" + "ab".repeat(20) + ":Sha1InMdb", "512:" + md5,
                "512:" + md5 + ":TooNew:999");
        assertThat(db.statistics().sectionHashes()).isEqualTo(1);
        assertThat(db.statistics().skippedByReason())
                .containsOnly(Map.entry("malformed", 4), Map.entry(FunctionalityLevel.REASON, 1));
    }

    @Test
    void overlappingSectionsCannotMakeAScanHashWithoutBound() {
        int n = 100;
        byte[][] sections = new byte[n][];
        Arrays.fill(sections, new byte[16]);
        PeFiles pe = PeFiles.of(sections);
        int length = 1 << 20;
        for (int i = 0; i < n; i++) {
            pe.rawData(i, 0, length);
        }
        byte[] content = Arrays.copyOf(pe.build(), length);
        assertThat(PeSections.of(content, length)).hasSize(n);
        SignatureDatabase db = Databases.file("t.msb", "*:" + "00".repeat(32) + ":Any:73");
        assertThatThrownBy(() -> db.match(content)).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("PE section hashing exceeded its budget");
        SignatureDatabase sized = Databases.file("t.mdb", "4096:" + "00".repeat(16) + ":Sized");
        assertThat(sized.match(content)).as("no section of a listed size: nothing hashed").isEmpty();
    }

    @Test
    void randomlyDamagedPeFilesNeverFailTheParser() {
        Random r = new Random(7);
        byte[] pe = PeFiles.of(CODE, DATA, random(0x800)).pe32Plus().build();
        for (int i = 0; i < 20_000; i++) {
            byte[] c = pe.clone();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                int at = r.nextInt(r.nextBoolean() ? 0x200 : c.length);
                c[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : 0xFF);
            }
            int length = r.nextInt(8) == 0 ? r.nextInt(c.length + 1) : c.length;
            for (PeSections.Range s : PeSections.of(c, length)) {
                assertThat(s.offset()).isNotNegative();
                assertThat(s.length()).isPositive();
                assertThat((long) s.offset() + s.length()).isLessThanOrEqualTo(length);
            }
        }
    }

    @Test
    void clamdAndTheBuiltInEngineAgreeOnSectionHashes() throws Exception {
        byte[] plus = PeFiles.of(random(0x400), DATA, random(0x600)).pe32Plus().build();
        byte[] truncated = PeFiles.of(CODE, random(0x1000)).truncateTo(0x400 + 0x800).build();
        Path db = Files.createDirectories(home.resolve("db"));
        Files.writeString(db.resolve("t.mdb"), String.join("\n", sectionHash(PE, 0, "MD5") + ":Test.Mdb.Code",
                sectionHash(truncated, 1, "MD5") + ":Test.Mdb.Truncated", ""));
        Files.writeString(db.resolve("t.msb"), String.join("\n", sectionHash(plus, 2, "SHA-1") + ":Test.Msb.Sha1",
                "*:" + sectionHash(plus, 0, "SHA-256").split(":")[1] + ":Test.Msb.AnySize:73", ""));
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("pe, code section listed", PE);
        samples.put("pe, code section changed", PeFiles.of(random(0x300), DATA).build());
        samples.put("pe32+, last section listed (SHA-1)", plus);
        samples.put("pe32+ first section elsewhere (SHA-256, any size)",
                PeFiles.of(random(0x200), DATA).build());
        samples.put("truncated section listed", truncated);
        samples.put("truncated one byte shorter", Arrays.copyOf(truncated, truncated.length - 1));
        samples.put("code section bytes alone", CODE);
        samples.put("pe with a broken header", brokenHeader(PE));
        ClamdAgreement.assertAgreement(ClamdAgreement.scan(home.resolve("clamd"), db, samples));
    }

    private static byte[] brokenHeader(byte[] pe) {
        byte[] c = pe.clone();
        c[PeFiles.LFANEW + 6] = 0; // NumberOfSections = 0
        c[PeFiles.LFANEW + 7] = 0;
        return c;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        R.nextBytes(b);
        return b;
    }
}
