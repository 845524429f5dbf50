package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.scan.Antivirus;
import io.mmsguard.inspection.scan.BannedWordScanner;
import io.mmsguard.inspection.scan.ChecksumScanner;
import io.mmsguard.inspection.scan.ContentScanPipeline;
import io.mmsguard.inspection.scan.ContentScanner;
import io.mmsguard.inspection.scan.FileFilter;
import io.mmsguard.inspection.scan.Oversize;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.Scanner;
import io.mmsguard.inspection.unpack.UnpackScanner;
import io.mmsguard.inspection.unpack.UnpackSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The content scanners, registered in one place, in the order they run (ARCHITECTURE.md: oversize first, so that
 * nothing reads a message over the limit; unpack next, so that archive members are parts to every later scanner;
 * file filter before antivirus, so that a blocked file is never sent to the expensive step; the checksum list last). A new scanner is one line in {@link #STANDARD} at its place in the order.
 * Immutable: {@link #with} and {@link #withBefore} return a new registry.
 */
public final class ScannerRegistry {

    /** Archive members become parts for every scanner after it, so it runs before the first that reads parts. */
    private static final ScannerDefinition<UnpackSettings> UNPACK = new ScannerDefinition<>() {
        @Override
        public Scanner id() {
            return Scanner.UNPACK;
        }

        @Override
        public ScanProfileMapper.Mapped<UnpackSettings> settings(MmsProfile profile) {
            return ScanProfileMapper.unpack(profile);
        }

        @Override
        public ContentScanner create(UnpackSettings settings, ScanProfile shared, ScanEnvironment environment) {
            return new UnpackScanner(settings);
        }
    };

    private static final ScannerRegistry STANDARD = new ScannerRegistry(List.of(
            ScannerDefinition.shared(Scanner.OVERSIZE, (shared, env) -> new Oversize()),
            UNPACK,
            ScannerDefinition.shared(Scanner.FILE_FILTER,
                    (shared, env) -> new FileFilter(shared.fileFilter())),
            ScannerDefinition.shared(Scanner.ANTIVIRUS, (shared, env) -> new Antivirus(env.virusScanner())),
            ScannerDefinition.shared(Scanner.BANNED_WORDS, (shared, env) -> new BannedWordScanner(
                    shared.bannedWordThreshold(), shared.bannedWords())),
            ScannerDefinition.shared(Scanner.CHECKSUM, (shared, env) -> new ChecksumScanner(shared.checksums()))));

    /** What a scanner's own settings are when only the shared ones are given: its schema defaults. */
    private static final MmsProfile SCHEMA_DEFAULTS = MmsProfile.newBuilder().setName(Profile.DEFAULT_NAME).build();

    private final List<ScannerDefinition<?>> definitions;

    private ScannerRegistry(List<ScannerDefinition<?>> definitions) {
        List<Scanner> seen = new ArrayList<>();
        for (ScannerDefinition<?> d : definitions) {
            if (seen.contains(d.id())) {
                throw new IllegalArgumentException("scanner " + d.id() + " is registered twice");
            }
            seen.add(d.id());
        }
        this.definitions = List.copyOf(definitions);
    }

    /** The scanners the services run. */
    public static ScannerRegistry standard() {
        return STANDARD;
    }

    /** No content scanner at all: a backtest of thresholds and endpoint lists alone, where content is not judged. */
    public static ScannerRegistry none() {
        return new ScannerRegistry(List.of());
    }

    /** This registry with {@code definition} run after all the others. */
    public ScannerRegistry with(ScannerDefinition<?> definition) {
        List<ScannerDefinition<?>> more = new ArrayList<>(definitions);
        more.add(definition);
        return new ScannerRegistry(more);
    }

    /** This registry with {@code definition} run just before {@code next}. */
    public ScannerRegistry withBefore(Scanner next, ScannerDefinition<?> definition) {
        List<Scanner> order = order();
        if (!order.contains(next)) {
            throw new IllegalArgumentException("no scanner " + next + " in " + order);
        }
        List<ScannerDefinition<?>> more = new ArrayList<>(definitions);
        more.add(order.indexOf(next), definition);
        return new ScannerRegistry(more);
    }

    public List<Scanner> order() {
        return definitions.stream().map(ScannerDefinition::id).toList();
    }

    List<ScannerDefinition<?>> definitions() {
        return definitions;
    }

    /**
     * The pipeline for settings given in plain form (tests, backtests): the built-in scanners' from {@code shared},
     * every other scanner's own at their schema defaults. The topology builds from the Avro profile instead, with
     * {@link ScanProfileMapper#pipeline}.
     *
     * @throws IllegalArgumentException when the settings do not validate
     */
    public ContentScanPipeline pipeline(ScanProfile shared, ScanEnvironment environment) {
        shared.requireValid();
        List<ContentScanner> scanners = new ArrayList<>();
        for (ScannerDefinition<?> d : definitions) {
            scanners.add(create(d, SCHEMA_DEFAULTS, shared, environment));
        }
        return new ContentScanPipeline(shared, scanners, environment.regexLimits());
    }

    /** @throws IllegalArgumentException when the definition's settings in {@code profile} do not validate */
    static <S> ContentScanner create(ScannerDefinition<S> definition, MmsProfile profile, ScanProfile shared,
                                     ScanEnvironment environment) {
        ScanProfileMapper.Mapped<S> settings = definition.settings(profile);
        if (!settings.valid()) {
            throw new IllegalArgumentException("invalid " + definition.id() + " settings: " + settings.problems());
        }
        ContentScanner scanner = definition.create(settings.value(), shared, environment);
        if (!scanner.id().equals(definition.id())) {
            throw new IllegalStateException("the " + definition.id() + " definition built a " + scanner.id());
        }
        return scanner;
    }
}
