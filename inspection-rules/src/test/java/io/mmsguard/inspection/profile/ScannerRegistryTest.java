package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.scan.ContentScanPipeline;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentScanner;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.ScanFinding;
import io.mmsguard.inspection.scan.MmsInterface;
import io.mmsguard.inspection.scan.PartScanner;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanContext;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.ScanRequest;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The extension point: a scanner that is not built in, registered with its own settings mapping, runs at its place
 * in the order under the pipeline's policy like the five built-in ones.
 */
class ScannerRegistryTest {

    private static final Scanner MARKER = new Scanner("MARKER");

    /**
     * A test-only scanner: blocks every part whose content contains its marker, and notes which parts it saw. Its
     * settings (the marker) come from the profile's comment, "marker=WORD", so that the mapping and its validation
     * go through the registry too.
     *
     * @param onlyOn the interface it is switched on for, null for all
     */
    private static final class MarkerScanner implements PartScanner {
        private final String marker;
        private final MmsInterface onlyOn;
        private final List<Integer> seen;

        MarkerScanner(String marker, MmsInterface onlyOn, List<Integer> seen) {
            this.marker = marker;
            this.onlyOn = onlyOn;
            this.seen = seen;
        }

        @Override
        public Scanner id() {
            return MARKER;
        }

        @Override
        public boolean enabled(ScanContext context) {
            return onlyOn == null || context.request().mmsInterface() == onlyOn;
        }

        @Override
        public boolean monitorable() {
            return false;
        }

        @Override
        public Optional<ScanFinding> scanPart(ScanPart part, ScanContext context) {
            seen.add(part.index());
            boolean marked = part.hasContent()
                    && new String(part.content(), StandardCharsets.UTF_8).contains(marker);
            return marked ? Optional.of(ScanFinding.block(Reason.CHECKSUM, part.index(), "marker " + marker))
                    : Optional.empty();
        }
    }

    private final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());

    private final ScannerDefinition<String> markerDefinition = new ScannerDefinition<>() {
        @Override
        public Scanner id() {
            return MARKER;
        }

        @Override
        public ScanProfileMapper.Mapped<String> settings(MmsProfile profile) {
            String comment = profile.getComment() == null ? "marker=MARK" : profile.getComment();
            if (!comment.startsWith("marker=") || comment.length() == "marker=".length()) {
                return new ScanProfileMapper.Mapped<>(null,
                        List.of(new ValidationProblem("comment", "must be marker=WORD, was " + comment)));
            }
            return new ScanProfileMapper.Mapped<>(comment.substring("marker=".length()), List.of());
        }

        @Override
        public ContentScanner create(String settings, ScanProfile shared, ScanEnvironment environment) {
            return new MarkerScanner(settings, null, seen);
        }
    };

    /** "EICAR" content is a virus, everything else clean. */
    private final ScanEnvironment environment = new ScanEnvironment(
            content -> new String(content, StandardCharsets.UTF_8).startsWith("EICAR")
                    ? Optional.of("Eicar-Test-Signature") : Optional.empty());

    private final ScannerRegistry registry = ScannerRegistry.standard().withBefore(Scanner.CHECKSUM, markerDefinition);

    private static ScanPart part(int index, String content) {
        return new ScanPart(index, "application/octet-stream", "p" + index + ".bin", null,
                content.getBytes(StandardCharsets.UTF_8));
    }

    private static ScanRequest request(ScanPart... parts) {
        return new ScanRequest(null, List.of(parts), 1_000, MmsInterface.MM1);
    }

    private ContentScanPipeline pipeline(InterfaceSettings mm1) {
        MmsProfile profile = MmsProfile.newBuilder().setName("p").setMm1(mm1).build();
        ScanProfileMapper.Mapped<ContentScanPipeline> mapped =
                ScanProfileMapper.pipeline(profile, registry, environment);
        assertThat(mapped.problems()).isEmpty();
        return mapped.value();
    }

    private ContentScanPipeline pipeline() {
        return pipeline(InterfaceSettings.newBuilder().build());
    }

    @Test
    void theStandardRegistryRunsTheSixInTheArchitecturesOrder() {
        assertThat(ScannerRegistry.standard().order()).containsExactly(Scanner.OVERSIZE, Scanner.UNPACK,
                Scanner.FILE_FILTER, Scanner.ANTIVIRUS, Scanner.BANNED_WORDS, Scanner.CHECKSUM);
    }

    @Test
    void aRegisteredScannerRunsAtItsPlaceInTheOrder() {
        ContentScanResult r = pipeline().scan(request(part(0, "hello"), part(1, "world")));

        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.scanResults()).extracting(ScanResult::scanner, ScanResult::outcome).containsExactly(
                tuple(Scanner.OVERSIZE, ScanOutcome.CLEAN), tuple(Scanner.UNPACK, ScanOutcome.CLEAN),
                tuple(Scanner.FILE_FILTER, ScanOutcome.CLEAN),
                tuple(Scanner.ANTIVIRUS, ScanOutcome.CLEAN), tuple(Scanner.BANNED_WORDS, ScanOutcome.CLEAN),
                tuple(MARKER, ScanOutcome.CLEAN), tuple(Scanner.CHECKSUM, ScanOutcome.CLEAN));
        assertThat(seen).containsExactly(0, 1);
        assertThat(pipeline().exempt("vip").scanResults()).extracting(ScanResult::scanner)
                .containsExactly(Scanner.OVERSIZE, Scanner.UNPACK, Scanner.FILE_FILTER, Scanner.ANTIVIRUS,
                        Scanner.BANNED_WORDS, MARKER, Scanner.CHECKSUM);
    }

    @Test
    void itsFindingsSetTheVerdictAndLaterScannersAreSkipped() {
        ContentScanResult r = pipeline().scan(request(part(0, "hello"), part(1, "has MARK inside")));

        assertThat(r.verdict()).isEqualTo(ContentVerdict.BLOCK);
        assertThat(r.reason()).isEqualTo(Reason.CHECKSUM);
        assertThat(r.detail()).isEqualTo("marker MARK");
        assertThat(r.resultsOf(MARKER)).extracting(ScanResult::outcome, ScanResult::partIndex)
                .containsExactly(tuple(ScanOutcome.BLOCK, 1));
        assertThat(r.resultsOf(Scanner.CHECKSUM)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "earlier block"));
    }

    @Test
    void itIsSkippedAfterAnEarlierBlockAndNeverSeesAPartThatWasStripped() {
        ContentScanResult blocked = pipeline().scan(request(part(0, "EICAR"), part(1, "MARK")));

        assertThat(blocked.reason()).isEqualTo(Reason.VIRUS);
        assertThat(blocked.resultsOf(MARKER)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "earlier block"));
        assertThat(seen).isEmpty();

        ContentScanResult stripped = pipeline(InterfaceSettings.newBuilder().setRemoveBlocked(true).build())
                .scan(request(part(0, "EICAR MARK"), part(1, "fine"), part(2, "MARK")));

        assertThat(stripped.verdict()).isEqualTo(ContentVerdict.STRIP);
        assertThat(stripped.reason()).isEqualTo(Reason.VIRUS);
        assertThat(stripped.partsToStrip()).containsExactly(0, 2);
        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void itIsReportedDisabledWhereTheInterfaceSwitchesItOff() {
        ScannerDefinition<Void> onlyMm7 = ScannerDefinition.shared(MARKER,
                (shared, env) -> new MarkerScanner("MARK", MmsInterface.MM7, seen));
        ContentScanResult r = ScannerRegistry.standard().with(onlyMm7)
                .pipeline(ScanProfileMapper.scanProfile(MmsProfile.newBuilder().setName("p").build()).value(),
                        environment)
                .scan(request(part(0, "MARK")));

        assertThat(r.verdict()).isEqualTo(ContentVerdict.PASS);
        assertThat(r.resultsOf(MARKER)).extracting(ScanResult::outcome, ScanResult::detail)
                .containsExactly(tuple(ScanOutcome.SKIPPED, "disabled"));
        assertThat(seen).isEmpty();
    }

    @Test
    void itsSettingsAreValidatedWithTheOthersThroughTheOneMapper() {
        MmsProfile bad = MmsProfile.newBuilder().setName("p").setComment("no marker")
                .setMm3(InterfaceSettings.newBuilder().setOversizeLimitKb(0).build()).build();

        ScanProfileMapper.Mapped<ContentScanPipeline> mapped = ScanProfileMapper.pipeline(bad, registry, environment);

        assertThat(mapped.valid()).isFalse();
        assertThat(mapped.problems()).extracting(ValidationProblem::path)
                .containsExactly("mm3.oversizeLimitKb", "comment");
        List<ValidationProblem> problems = new ArrayList<>();
        ScanProfileMapper.rule(registry).check(bad, ProfileContext.STANDALONE, problems);
        assertThat(problems).isEqualTo(mapped.problems());
    }

    @Test
    void aNameIsRegisteredOnce() {
        assertThatThrownBy(() -> ScannerRegistry.standard().with(ScannerDefinition.shared(Scanner.ANTIVIRUS,
                (shared, env) -> new MarkerScanner("MARK", null, seen))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ANTIVIRUS");
    }
}
