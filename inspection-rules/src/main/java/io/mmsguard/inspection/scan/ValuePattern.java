package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pattern matched against a whole value (a file name, a content type, an address), case-insensitively, compiled once.
 * SIMPLE: equal; WILDCARD: glob; REGEX: the regex matches the whole value, under the backtracking guard.
 */
public final class ValuePattern {

    private final PatternType type;
    private final String lowered;
    private final GuardedRegex regex;

    private ValuePattern(PatternType type, String lowered, GuardedRegex regex) {
        this.type = type;
        this.lowered = lowered;
        this.regex = regex;
    }

    /** @throws java.util.regex.PatternSyntaxException for a bad REGEX; validation reports it first */
    public static ValuePattern compile(String pattern, PatternType type) {
        return type == PatternType.REGEX
                ? new ValuePattern(type, pattern, GuardedRegex.compile(pattern))
                : new ValuePattern(type, pattern.toLowerCase(Locale.ROOT), null);
    }

    /**
     * @param value  the value, already lower case (Locale.ROOT) for SIMPLE and WILDCARD
     * @param budget the message's regex budget; only REGEX spends it
     */
    public GuardedRegex.Result match(String value, RegexBudget budget) {
        return switch (type) {
            case SIMPLE -> lowered.equals(value) ? GuardedRegex.Result.MATCH : GuardedRegex.Result.NO_MATCH;
            case WILDCARD -> Wildcard.matches(lowered, value) ? GuardedRegex.Result.MATCH : GuardedRegex.Result.NO_MATCH;
            case REGEX -> regex.matchesWhole(value, budget);
        };
    }

    /** Problems of one pattern field pair, reported under {@code path.pattern} and {@code path.patternType}. */
    public static List<ValidationProblem> validate(String path, String pattern, PatternType type) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            problems.add(new ValidationProblem(path + ".pattern", "must not be empty"));
        }
        if (type == null) {
            problems.add(new ValidationProblem(path + ".patternType", "is required"));
        } else if (type == PatternType.REGEX && pattern != null) {
            GuardedRegex.syntaxError(pattern).ifPresent(
                    e -> problems.add(new ValidationProblem(path + ".pattern", "regex does not compile: " + e)));
        }
        return problems;
    }
}
