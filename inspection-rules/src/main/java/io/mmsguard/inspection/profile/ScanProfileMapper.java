package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointEntry;
import io.mmsguard.inspection.endpoint.EndpointList;
import io.mmsguard.inspection.scan.BannedWord;
import io.mmsguard.inspection.scan.BannedWordAction;
import io.mmsguard.inspection.scan.ChecksumEntry;
import io.mmsguard.inspection.scan.ContentScanPipeline;
import io.mmsguard.inspection.scan.ContentScanner;
import io.mmsguard.inspection.scan.FileFilterAction;
import io.mmsguard.inspection.scan.FileFilterEntry;
import io.mmsguard.inspection.scan.FileFilterMatch;
import io.mmsguard.inspection.scan.MmsInterface;
import io.mmsguard.inspection.scan.OversizeAction;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.ScanSettings;
import io.mmsguard.inspection.unpack.UnpackAction;
import io.mmsguard.inspection.unpack.UnpackLimits;
import io.mmsguard.inspection.unpack.UnpackSettings;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scanners' view of the Avro records, the one way a profile configures them: {@code MmsProfile} to the
 * {@link ScanProfile} every scanner shares plus each registered scanner's own settings ({@link ScannerDefinition}),
 * and from these the {@link ContentScanPipeline}; {@code EndpointList} to {@link EndpointList}, field for field. An
 * Avro enum read as UNKNOWN (a symbol newer than this reader) has no plain counterpart: it maps to null and is
 * reported with its field path, and the plain model's own validation then reports everything else, without a second
 * problem for the same field.
 */
public final class ScanProfileMapper {

    /** A mapped value with the problems found on the way; the value is only usable when there are none. */
    public record Mapped<T>(T value, List<ValidationProblem> problems) {

        public Mapped {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private ScanProfileMapper() {
    }

    public static Mapped<ScanProfile> scanProfile(MmsProfile p) {
        List<ValidationProblem> unknown = new ArrayList<>();
        Map<MmsInterface, ScanSettings> interfaces = new EnumMap<>(MmsInterface.class);
        interfaces.put(MmsInterface.MM1, settings("mm1", p.getMm1(), unknown));
        interfaces.put(MmsInterface.MM3, settings("mm3", p.getMm3(), unknown));
        interfaces.put(MmsInterface.MM4, settings("mm4", p.getMm4(), unknown));
        interfaces.put(MmsInterface.MM7, settings("mm7", p.getMm7(), unknown));
        List<FileFilterEntry> fileFilter = new ArrayList<>();
        for (int i = 0; i < p.getFileFilter().size(); i++) {
            fileFilter.add(fileFilterEntry("fileFilter[" + i + "]", p.getFileFilter().get(i), unknown));
        }
        List<BannedWord> bannedWords = new ArrayList<>();
        for (int i = 0; i < p.getBannedWords().size(); i++) {
            bannedWords.add(bannedWord("bannedWords[" + i + "]", p.getBannedWords().get(i), unknown));
        }
        List<ChecksumEntry> checksums = p.getChecksums().stream()
                .map(c -> new ChecksumEntry(c.getName(), c.getCrc32(), c.getEnabled())).toList();
        ScanProfile profile = new ScanProfile(interfaces, fileFilter, p.getBannedWordThreshold(), bannedWords,
                checksums);
        return new Mapped<>(profile, merge(unknown, profile.validate()));
    }

    /** The profile's {@code unpack} record: the settings of the UNPACK scanner, with their problems under {@code unpack}. */
    public static Mapped<UnpackSettings> unpack(MmsProfile p) {
        List<ValidationProblem> unknown = new ArrayList<>();
        io.mmsguard.avro.UnpackSettings u = p.getUnpack();
        UnpackSettings settings = new UnpackSettings(u.getEnabled(),
                new UnpackLimits(u.getMaxDepth(), u.getMaxEntries(), u.getMaxTotalKb() * 1024L,
                        u.getMaxMemberKb() * 1024L, u.getMaxRatio()),
                plain(UnpackAction.class, u.getUnscannableAction(), "unpack.unscannableAction", unknown));
        return new Mapped<>(settings, merge(unknown, settings.validate("unpack")));
    }

    public static Mapped<EndpointList> endpointList(io.mmsguard.avro.EndpointList list) {
        List<ValidationProblem> unknown = new ArrayList<>();
        List<EndpointEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.getEntries().size(); i++) {
            io.mmsguard.avro.EndpointEntry e = list.getEntries().get(i);
            String path = "entries[" + i + "]";
            entries.add(new EndpointEntry(e.getPattern(),
                    plain(PatternType.class, e.getPatternType(), path + ".patternType", unknown),
                    plain(EndpointAction.class, e.getAction(), path + ".action", unknown),
                    e.getLog(), e.getArchive(), e.getEnabled()));
        }
        EndpointList mapped = new EndpointList(list.getName(), list.getEnabled(), entries);
        return new Mapped<>(mapped, merge(unknown, mapped.validate()));
    }

    /**
     * The content scans the profile configures, in the registry's order.
     *
     * @return the pipeline, or (value null) every problem of the shared settings and of each scanner's own
     */
    public static Mapped<ContentScanPipeline> pipeline(MmsProfile p, ScannerRegistry registry,
                                                       ScanEnvironment environment) {
        List<ValidationProblem> problems = problems(p, registry);
        if (!problems.isEmpty()) {
            return new Mapped<>(null, problems);
        }
        ScanProfile shared = scanProfile(p).value();
        List<ContentScanner> scanners = new ArrayList<>();
        for (ScannerDefinition<?> d : registry.definitions()) {
            scanners.add(ScannerRegistry.create(d, p, shared, environment));
        }
        return new Mapped<>(new ContentScanPipeline(shared, scanners, environment.regexLimits()), List.of());
    }

    /** The validation rule of every scanner in {@code registry}: shared settings first, then each in order. */
    public static ProfileRule rule(ScannerRegistry registry) {
        return (profile, context, problems) -> problems.addAll(problems(profile, registry));
    }

    /** Problems of the standard scanners' settings, for {@link ProfileValidator#standard()}. */
    static final ProfileRule RULE = (profile, context, problems) ->
            problems.addAll(problems(profile, ScannerRegistry.standard()));

    private static List<ValidationProblem> problems(MmsProfile p, ScannerRegistry registry) {
        List<ValidationProblem> problems = new ArrayList<>(scanProfile(p).problems());
        for (ScannerDefinition<?> d : registry.definitions()) {
            problems.addAll(d.settings(p).problems());
        }
        return problems;
    }

    private static ScanSettings settings(String path, InterfaceSettings s, List<ValidationProblem> unknown) {
        return new ScanSettings(s.getAntivirus(), s.getFileFilter(), s.getBannedWords(), s.getChecksum(),
                s.getMonitorOnly(), s.getRemoveBlocked(), s.getOversizeLimitKb(),
                plain(OversizeAction.class, s.getOversizeAction(), path + ".oversizeAction", unknown));
    }

    private static FileFilterEntry fileFilterEntry(String path, io.mmsguard.avro.FileFilterEntry e,
                                                   List<ValidationProblem> unknown) {
        return new FileFilterEntry(e.getPattern(),
                plain(FileFilterMatch.class, e.getMatchOn(), path + ".matchOn", unknown),
                plain(PatternType.class, e.getPatternType(), path + ".patternType", unknown),
                plain(FileFilterAction.class, e.getAction(), path + ".action", unknown),
                e.getEnabled());
    }

    private static BannedWord bannedWord(String path, io.mmsguard.avro.BannedWord w, List<ValidationProblem> unknown) {
        return new BannedWord(w.getPattern(),
                plain(PatternType.class, w.getPatternType(), path + ".patternType", unknown),
                plain(BannedWordAction.class, w.getAction(), path + ".action", unknown),
                w.getScore(), w.getEnabled());
    }

    /** The plain enum constant of the same name; null, with a problem, for UNKNOWN or a name it does not have. */
    public static <E extends Enum<E>> E plain(Class<E> type, Enum<?> avro, String path,
                                              List<ValidationProblem> unknown) {
        if (avro == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(avro.name())) {
                return e;
            }
        }
        unknown.add(new ValidationProblem(path, avro.name() + " is not a known " + type.getSimpleName()));
        return null;
    }

    private static List<ValidationProblem> merge(List<ValidationProblem> unknown, List<ValidationProblem> model) {
        Set<String> reported = new HashSet<>();
        unknown.forEach(p -> reported.add(p.path()));
        List<ValidationProblem> all = new ArrayList<>(unknown);
        model.stream().filter(p -> !reported.contains(p.path())).forEach(all::add);
        return all;
    }
}
