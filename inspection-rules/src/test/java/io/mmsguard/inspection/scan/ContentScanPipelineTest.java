package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.profile.ScannerRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ContentScanPipelineTest {

    private static final byte[] EICAR = "EICAR-like".getBytes(StandardCharsets.US_ASCII);

    /** Records every part it is asked to scan; "infected" content is a virus, "boom" content fails. */
    private static final class RecordingScanner implements VirusScanner {
        final List<String> scanned = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<String> scan(byte[] content) {
            String s = new String(content, StandardCharsets.US_ASCII);
            scanned.add(s);
            if (s.equals("boom")) {
                throw new ScanFailedException("clamd unreachable");
            }
            return s.startsWith("EICAR") ? Optional.of("Eicar-Test-Signature") : Optional.empty();
        }
    }

    private final RecordingScanner av = new RecordingScanner();

    private static ScanSettings settings(boolean monitorOnly, boolean removeBlocked) {
        return new ScanSettings(true, true, true, true, monitorOnly, removeBlocked, 100, OversizeAction.BLOCK);
    }

    private static ScanProfile profile(ScanSettings mm1) {
        return new ScanProfile(Map.of(MmsInterface.MM1, mm1),
                List.of(new FileFilterEntry("*.exe", FileFilterMatch.FILE_NAME, PatternType.WILDCARD,
                                FileFilterAction.BLOCK, true),
                        new FileFilterEntry("image/bmp", FileFilterMatch.CONTENT_TYPE, PatternType.SIMPLE,
                                FileFilterAction.INTERCEPT, true)),
                10,
                List.of(new BannedWord("casino", PatternType.SIMPLE, 8), new BannedWord("jackpot", PatternType.SIMPLE, 8)),
                List.of(new ChecksumEntry("known bad", ChecksumScanner.crc32(bytes("bad-content")), true)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ScanPart part(int i, String type, String name, String content) {
        return new ScanPart(i, type, name, null, content == null ? null : bytes(content));
    }

    private static ScanRequest request(String subject, ScanPart... parts) {
        return new ScanRequest(subject, List.of(parts), 1_000, MmsInterface.MM1);
    }

    /** The standard registry's scanners, as the topology builds them. */
    private ContentScanPipeline pipeline(ScanProfile p) {
        return ScannerRegistry.standard().pipeline(p, new ScanEnvironment(av));
    }

    private ContentScanResult scan(ScanSettings s, ScanRequest r) {
        return pipeline(profile(s)).scan(r);
    }

    @Test
    void cleanMessagePassesAndEveryScannerReportsClean() {
        ContentScanResult r = scan(settings(false, false), request("hello", part(0, "text/plain", null, "hi there")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.reason()).isEqualTo(Reason.NONE);
        assertThat(r.scanResults()).extracting(ScanResult::scanner, ScanResult::outcome).containsExactly(
                tuple(Scanner.OVERSIZE, ScanOutcome.CLEAN), tuple(Scanner.UNPACK, ScanOutcome.CLEAN),
                tuple(Scanner.FILE_FILTER, ScanOutcome.CLEAN),
                tuple(Scanner.ANTIVIRUS, ScanOutcome.CLEAN), tuple(Scanner.BANNED_WORDS, ScanOutcome.CLEAN),
                tuple(Scanner.CHECKSUM, ScanOutcome.CLEAN));
    }

    @Test
    void fileFilterBlockRunsBeforeAntivirusSoTheExeIsNeverSentToTheVirusScanner() {
        ContentScanResult r = scan(settings(false, false), request(null,
                part(0, "text/plain", null, "hi"), part(1, "application/octet-stream", "Setup.EXE", "EICAR-exe")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(r.detail()).contains("*.exe");
        assertThat(av.scanned).isEmpty();
        assertThat(r.resultsOf(Scanner.FILE_FILTER)).extracting(ScanResult::outcome, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.BLOCK, 1));
        assertThat(r.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "earlier block"));
    }

    @Test
    void virusBlocksWithTheVirusName() {
        ContentScanResult r = scan(settings(false, false), request(null,
                part(0, "image/jpeg", "a.jpg", "fine"), part(1, "application/zip", "b.zip", "EICAR-zip")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.VIRUS);
        assertThat(r.detail()).isEqualTo("Eicar-Test-Signature");
        assertThat(r.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.BLOCK, 1));
        assertThat(r.resultsOf(Scanner.BANNED_WORDS)).extracting(ScanResult::outcome)
                .containsExactly(ScanOutcome.SKIPPED);
    }

    @Test
    void scannerFailureIsAnExplicitOutcomeNotACrash() {
        ContentScanResult r = scan(settings(false, false), request(null,
                part(0, "application/pdf", "a.pdf", "boom"), part(1, "image/png", "b.png", "fine")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.SCAN_FAILED);
        assertThat(r.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(r.detail()).contains("clamd unreachable");
        assertThat(av.scanned).containsExactly("boom", "fine");
        assertThat(r.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.ERROR, 0));
    }

    @Test
    void aDefiniteBlockWinsOverAScannerFailure() {
        ContentScanResult r = scan(settings(false, false), request(null,
                part(0, "application/pdf", "a.pdf", "boom"), part(1, "application/zip", "b.zip", "EICAR")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.VIRUS);
    }

    @Test
    void bannedWordsOverSubjectAndTextPartsBlockAboveTheThreshold() {
        ContentScanResult r = scan(settings(false, false), request("JACKPOT!",
                part(0, "text/plain", null, "play casino"), part(1, "image/gif", "casino.gif", "casino")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.BANNED_WORDS);
        assertThat(r.bannedWords().total()).isEqualTo(16);
        assertThat(r.detail()).contains("score 16 > threshold 10", "jackpot=8 (subject)", "casino=8 (part 0)");
    }

    @Test
    void bannedWordsUnderTheThresholdAreAMatchNotABlock() {
        ContentScanResult r = scan(settings(false, false), request(null, part(0, "text/plain", null, "casino")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.resultsOf(Scanner.BANNED_WORDS)).extracting(ScanResult::outcome)
                .containsExactly(ScanOutcome.MATCH);
    }

    @Test
    void regexDosInABannedWordGivesAClearErrorOutcome() {
        ScanProfile p = new ScanProfile(Map.of(), List.of(), 10,
                List.of(new BannedWord("(a+)+$", PatternType.REGEX, 100)), List.of());
        ContentScanResult r = pipeline(p)
                .scan(request(null, part(0, "text/plain", null, "a".repeat(30_000) + "b")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.SCAN_FAILED);
        assertThat(r.resultsOf(Scanner.BANNED_WORDS)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.ERROR, "regex budget exceeded: (a+)+$"));
    }

    @Test
    void checksumListedPartBlocksEvenInMonitorOnly() {
        ContentScanResult r = scan(settings(true, false), request(null, part(3, "image/png", "x.png", "bad-content")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.CHECKSUM);
        assertThat(r.detail()).startsWith("known bad (crc32 ");
    }

    @Test
    void monitorOnlyTurnsFileFilterVirusAndBannedWordBlocksIntoMatches() {
        ContentScanResult r = scan(settings(true, false), request("casino jackpot",
                part(0, "application/octet-stream", "a.exe", "x"), part(1, "application/zip", "b.zip", "EICAR")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.scanResults()).extracting(ScanResult::scanner, ScanResult::outcome).contains(
                tuple(Scanner.FILE_FILTER, ScanOutcome.MATCH), tuple(Scanner.ANTIVIRUS, ScanOutcome.MATCH),
                tuple(Scanner.BANNED_WORDS, ScanOutcome.MATCH));
        assertThat(av.scanned).containsExactly("x", "EICAR");
    }

    @Test
    void removeBlockedListsThePartsToStripAndStrippedPartsAreNotScannedFurther() {
        ContentScanResult r = scan(settings(false, true), request(null,
                part(0, "text/plain", null, "hello"),
                part(1, "application/octet-stream", "tool.exe", "EICAR-in-exe"),
                part(2, "application/zip", "b.zip", "EICAR"),
                part(3, "image/png", "c.png", "bad-content"),
                part(4, "image/png", "d.png", "ok")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.STRIP);
        assertThat(r.reason()).isEqualTo(Reason.FILE_FILTER);
        assertThat(r.partsToStrip()).containsExactly(1, 2, 3);
        assertThat(av.scanned).containsExactly("hello", "EICAR", "bad-content", "ok");
        assertThat(r.scanResults()).filteredOn(s -> s.outcome() == ScanOutcome.BLOCK)
                .extracting(ScanResult::scanner, ScanResult::partIndex)
                .containsExactly(tuple(Scanner.FILE_FILTER, 1), tuple(Scanner.ANTIVIRUS, 2), tuple(Scanner.CHECKSUM, 3));
    }

    @Test
    void bannedWordsBlockTheWholeMessageEvenWithRemoveBlocked() {
        ContentScanResult r = scan(settings(false, true), request("casino jackpot", part(0, "text/plain", null, "x")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.partsToStrip()).isEmpty();
    }

    @Test
    void interceptDeliversAndAsksForQuarantine() {
        ContentScanResult r = scan(settings(false, false), request(null, part(0, "image/bmp", "a.bmp", "pixels")));
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.quarantine()).isTrue();
        assertThat(av.scanned).containsExactly("pixels");
    }

    @Test
    void oversizeAtTheLimitIsScannedOneByteOverBlocksOrPassesUnscanned() {
        ScanPart p = part(0, "application/zip", "b.zip", "EICAR");
        ContentScanResult atLimit = scan(settings(false, false),
                new ScanRequest(null, List.of(p), 100 * 1024, MmsInterface.MM1));
        assertThat(atLimit.reason()).isEqualTo(Reason.VIRUS);

        ContentScanResult over = scan(settings(false, false),
                new ScanRequest(null, List.of(p), 100 * 1024 + 1, MmsInterface.MM1));
        assertThat(over.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(over.reason()).isEqualTo(Reason.OVERSIZE);

        ScanSettings pass = new ScanSettings(true, true, true, true, false, false, 100, OversizeAction.PASS_UNSCANNED);
        av.scanned.clear();
        ContentScanResult unscanned = scan(pass, new ScanRequest(null, List.of(p), 100 * 1024 + 1, MmsInterface.MM1));
        assertThat(unscanned.verdict()).isEqualTo(ContentVerdict.PASS_UNSCANNED);
        assertThat(unscanned.reason()).isEqualTo(Reason.OVERSIZE);
        assertThat(av.scanned).isEmpty();
        assertThat(unscanned.scanResults()).extracting(ScanResult::outcome).containsExactly(ScanOutcome.MATCH,
                ScanOutcome.SKIPPED, ScanOutcome.SKIPPED, ScanOutcome.SKIPPED, ScanOutcome.SKIPPED, ScanOutcome.SKIPPED);
    }

    @Test
    void disabledScannersAreSkippedAndTheInterfaceSelectsTheSettings() {
        ScanSettings nothing = new ScanSettings(false, false, false, false, false, false, 100, OversizeAction.BLOCK);
        ScanProfile p = new ScanProfile(Map.of(MmsInterface.MM7, nothing), List.of(), 0, List.of(), List.of());
        ContentScanPipeline pipeline = pipeline(p);
        ScanPart virus = part(0, "application/zip", "b.zip", "EICAR");
        ContentScanResult mm7 = pipeline.scan(new ScanRequest(null, List.of(virus), 10, MmsInterface.MM7));
        assertThat(mm7.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(mm7.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "disabled"));
        // MM4 is not in the map: the Avro defaults (antivirus on) apply
        assertThat(pipeline.scan(new ScanRequest(null, List.of(virus), 10, MmsInterface.MM4)).reason())
                .isEqualTo(Reason.VIRUS);
    }

    @Test
    void partWithoutInlineContentIsReportedAsNotScannedButChecksumUsesTheGatewaysCrc() {
        ScanPart big = new ScanPart(0, "video/mp4", "v.mp4", null, null);
        ContentScanResult r = scan(settings(false, false), new ScanRequest(null, List.of(big), 1_000,
                MmsInterface.MM1, Map.of(0, ChecksumScanner.crc32(bytes("bad-content")))));
        assertThat(r.resultsOf(Scanner.ANTIVIRUS)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "content not inline"));
        assertThat(r.reason()).isEqualTo(Reason.CHECKSUM);
    }

    @Test
    void exemptResultMarksEveryScannerExempt() {
        ContentScanResult r = pipeline(profile(settings(false, false))).exempt("sender +491 matched vip[0]");
        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.scanResults()).hasSize(6).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(ScanOutcome.EXEMPT));
    }

    @Test
    void invalidProfileIsRejectedWithTheProblems() {
        ScanProfile bad = new ScanProfile(Map.of(), List.of(), -1,
                List.of(new BannedWord("([", PatternType.REGEX, 1)), List.of());
        assertThatThrownBy(() -> pipeline(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bannedWordThreshold").hasMessageContaining("bannedWords[0].pattern");
    }

    @Test
    void bannedWordsAreFoundPastAnyPaddingAndHoweverTheHtmlSpellsThem() {
        String padding = "lorem ipsum ".repeat(20_000);
        ContentScanResult padded = scan(settings(false, false),
                request("hi", part(0, "text/plain", null, padding + "casino jackpot")));
        assertThat(padded.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(padded.reason()).isEqualTo(Reason.BANNED_WORDS);

        ContentScanResult html = scan(settings(false, false), request("hi",
                part(0, "text/html", null, "<p>c&#97;sino</p><p>jack<b></b>p\u200Bot</p>")));
        assertThat(html.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(html.detail()).contains("casino=8", "jackpot=8");
    }

    @Test
    void oneRegexBudgetForAllPatternsOfAMessageAndRunningOutIsAFailure() {
        ScanProfile evil = new ScanProfile(Map.of(MmsInterface.MM1, settings(false, false)), List.of(), 10,
                List.of(new BannedWord("(a+)+$", PatternType.REGEX, 8), new BannedWord("casino", PatternType.REGEX, 8),
                        new BannedWord("jackpot", PatternType.SIMPLE, 11)), List.of());
        ContentScanPipeline pipeline = ScannerRegistry.standard().pipeline(evil, new ScanEnvironment(av));
        ScanRequest attack = request("hi", part(0, "text/plain", null, "a".repeat(20_000) + "! casino"));
        RegexBudget budget = RegexBudget.forMessage(RegexLimits.DEFAULT, attack);
        ContentScanResult r = pipeline.scan(attack, budget);
        // the catastrophic pattern spent the message's budget: "casino" is unknown, not absent
        assertThat(budget.exhausted()).isTrue();
        assertThat(r.verdict()).isEqualTo(ContentVerdict.SCAN_FAILED);
        assertThat(r.reason()).isEqualTo(Reason.SCANNER_FAILURE);
        assertThat(r.detail()).contains("regex budget exceeded");
        assertThat(r.bannedWords().budgetExceeded()).extracting(BannedWord::pattern)
                .containsExactly("(a+)+$", "casino");

        // a definite block still wins over "unknown"
        ContentScanResult blocked = pipeline.scan(request("jackpot", part(0, "text/plain", null,
                "a".repeat(20_000) + "! casino")));
        assertThat(blocked.verdict()).isEqualTo(ContentVerdict.BLOCK);
    }
}
