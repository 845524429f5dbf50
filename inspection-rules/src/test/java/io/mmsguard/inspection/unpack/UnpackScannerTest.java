package io.mmsguard.inspection.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mmsguard.inspection.profile.ScanProfileMapper;
import io.mmsguard.inspection.profile.ScannerRegistry;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.MmsInterface;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.ScanRequest;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.testkit.python.PythonScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UNPACK scanner in the standard pipeline, built from Avro profiles as the topology builds it: members are parts
 * to the file filter, antivirus and banned words, with their path in the evidence, and what cannot be unpacked gets
 * the profile's action. Archives by Python (make_archives.py).
 */
class UnpackScannerTest {
    @TempDir
    static Path dir;

    /** EICAR's signature, and every content it was asked to scan. */
    private final List<String> scanned = Collections.synchronizedList(new ArrayList<>());
    private final VirusScanner av = content -> {
        String s = new String(content, StandardCharsets.ISO_8859_1);
        scanned.add(s);
        return s.contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE") ? Optional.of("Eicar-Test-Signature") : Optional.empty();
    };

    @BeforeAll
    static void makeArchives() throws Exception {
        PythonScript.writeInto(UnpackScannerTest.class, "/unpack/make_archives.py", dir);
    }

    private ContentScanResult scan(MmsProfile profile, ScanPart... parts) {
        ScanProfileMapper.Mapped<io.mmsguard.inspection.scan.ContentScanPipeline> pipeline =
                ScanProfileMapper.pipeline(profile, ScannerRegistry.standard(), new ScanEnvironment(av));
        assertThat(pipeline.problems()).isEmpty();
        return pipeline.value().scan(new ScanRequest("subject", List.of(parts), 10_000, MmsInterface.MM3));
    }

    private static MmsProfile.Builder profile() {
        return MmsProfile.newBuilder().setName("p");
    }

    private static ScanPart file(int index, String name, String declaredType) throws Exception {
        return new ScanPart(index, declaredType, name, null, Files.readAllBytes(dir.resolve(name)));
    }

    private static ScanPart text(int index, String text) {
        return new ScanPart(index, "text/plain", null, "utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static io.mmsguard.avro.FileFilterEntry byName(String pattern) {
        return io.mmsguard.avro.FileFilterEntry.newBuilder().setPattern(pattern).build();
    }

    @Test
    void aMemberNamedByTheFileFilterBlocksTheMessageWithItsPathInTheEvidence() throws Exception {
        ContentScanResult r = scan(profile().setFileFilter(List.of(byName("*.exe"))).build(),
                text(0, "see attached"), file(1, "nested.zip", "image/jpeg"));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(r.detail()).startsWith("nested.zip!/dir/inner.zip!/x.exe: file name *.exe");
        assertThat(r.resultsOf(Scanner.FILE_FILTER)).extracting(ScanResult::partIndex).containsExactly(1);
        assertThat(r.resultsOf(Scanner.UNPACK)).extracting(ScanResult::outcome, ScanResult::detail, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.CLEAN, "zip, 5 members", 1));
    }

    @Test
    void aMemberIsFilteredByTheTypeItsContentShows() throws Exception {
        io.mmsguard.avro.FileFilterEntry executables = io.mmsguard.avro.FileFilterEntry.newBuilder()
                .setPattern("application/x-msdownload")
                .setMatchOn(io.mmsguard.avro.FileFilterMatch.CONTENT_TYPE).build();
        ContentScanResult r = scan(profile().setFileFilter(List.of(executables)).build(),
                file(0, "nested.zip", "application/zip"));
        assertThat(r.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(r.detail()).startsWith("nested.zip!/dir/inner.zip!/x.exe: content type application/x-msdownload");
    }

    @Test
    void antivirusScansEveryMemberAtEveryDepth() throws Exception {
        ContentScanResult r = scan(profile().build(), file(0, "nested.zip", "application/octet-stream"));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.VIRUS);
        assertThat(r.detail()).isEqualTo("nested.zip!/dir/inner.zip!/notes.gz!/eicar.com: Eicar-Test-Signature");
        assertThat(scanned).as("the part and its five members").hasSize(6);

        ContentScanResult gz = scan(profile().build(), file(0, "eicar.com.gz", "application/gzip"));
        assertThat(gz.reason()).isEqualTo(Reason.VIRUS);
        assertThat(gz.detail()).isEqualTo("eicar.com.gz!/eicar.com: Eicar-Test-Signature");
    }

    @Test
    void bannedWordsReadTextMembers() throws Exception {
        io.mmsguard.avro.BannedWord word = io.mmsguard.avro.BannedWord.newBuilder().setPattern("noon").setScore(20)
                .build();
        ContentScanResult r = scan(profile().setBannedWords(List.of(word)).build(), file(0, "clean.zip", "x/y"));
        assertThat(r.reason()).isEqualTo(Reason.BANNED_WORDS);
    }

    @Test
    void withRemoveBlockedTheArchiveIsStrippedAndItsMembersGoWithIt() throws Exception {
        io.mmsguard.avro.InterfaceSettings strip = io.mmsguard.avro.InterfaceSettings.newBuilder()
                .setRemoveBlocked(true).build();
        ContentScanResult r = scan(profile().setMm3(strip).setFileFilter(List.of(byName("*.exe"))).build(),
                text(0, "hello"), file(1, "nested.zip", "application/zip"));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.STRIP);
        assertThat(r.partsToStrip()).containsExactly(1);
        assertThat(scanned).as("no member of the stripped archive reaches antivirus").containsExactly("hello");
    }

    @Test
    void whatCannotBeUnpackedIsBlockedByDefaultAndPassedWhenTheProfileSaysSo() throws Exception {
        Assumptions.assumeTrue(Files.exists(dir.resolve("encrypted.zip")), "Info-ZIP's zip is not installed");
        for (String name : List.of("encrypted.zip", "ratio-bomb.zip", "deep.zip", "many.zip", "damaged.zip",
                "hidden.zip")) {
            ContentScanResult blocked = scan(profile().build(), file(0, name, "application/zip"));
            assertThat(blocked.verdict()).as(name).isEqualTo(ContentVerdict.BLOCK);
            assertThat(blocked.reason()).as(name).isEqualTo(Reason.UNPACK);
            assertThat(blocked.detail()).as(name).startsWith(name);
        }
        assertThat(scan(profile().build(), file(0, "encrypted.zip", "application/zip")).detail())
                .isEqualTo("encrypted.zip: encrypted (entry secret.txt)");

        MmsProfile pass = profile().setUnpack(io.mmsguard.avro.UnpackSettings.newBuilder()
                .setUnscannableAction(io.mmsguard.avro.UnpackAction.PASS).build()).build();
        ContentScanResult passed = scan(pass, file(0, "encrypted.zip", "application/zip"));
        assertThat(passed.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(passed.resultsOf(Scanner.UNPACK)).extracting(ScanResult::outcome).containsExactly(ScanOutcome.MATCH);
    }

    @Test
    void attachmentsEachUnderTheTotalLimitCannotAddUpPastIt() throws Exception {
        MmsProfile sixMib = profile().setUnpack(io.mmsguard.avro.UnpackSettings.newBuilder().setMaxTotalKb(6 * 1024)
                .setMaxMemberKb(2048).setMaxRatio(1_000_000).build()).build();
        assertThat(scan(sixMib, file(0, "five-mib.zip", "application/zip")).verdict()).isEqualTo(ContentVerdict.PASS);
        ContentScanResult two = scan(sixMib, file(0, "five-mib.zip", "application/zip"),
                file(1, "five-mib.zip", "application/zip"));
        assertThat(two.reason()).isEqualTo(Reason.UNPACK);
        assertThat(two.detail()).startsWith("five-mib.zip!/part1.bin: total-size");
        assertThat(two.partsToStrip()).isEmpty();
        assertThat(two.resultsOf(Scanner.UNPACK)).extracting(ScanResult::outcome, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.CLEAN, 0), tuple(ScanOutcome.BLOCK, 1));
    }

    @Test
    void withUnpackOffAnArchiveIsOneOpaquePart() throws Exception {
        MmsProfile off = profile().setFileFilter(List.of(byName("*.exe")))
                .setUnpack(io.mmsguard.avro.UnpackSettings.newBuilder().setEnabled(false).build()).build();
        ContentScanResult r = scan(off, file(0, "nested.zip", "application/zip"));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.resultsOf(Scanner.UNPACK)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "disabled"));
    }
}
