package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Banned words (A4, FortiCarrier 1.12). Each enabled pattern counts once per message however often it occurs (Avro
 * {@code BannedWord.score}, FortiOS email filter semantics); the message is blocked when the summed score exceeds
 * {@code bannedWordThreshold} and no EXEMPT pattern is found.
 * <ul>
 * <li>SIMPLE and WILDCARD work on words: one word matches that word; an unquoted phrase matches when each of its words
 * occurs somewhere; a quoted phrase only as consecutive words. In WILDCARD, {@code *} and {@code ?} stay inside one
 * word. A word with punctuation ("e-mail") is the consecutive words "e" "mail".</li>
 * <li>REGEX is searched anywhere in the text ({@code find}), on the message's {@link RegexBudget}; a regex that finds
 * the budget spent does not score and is reported, which the pipeline turns into an ERROR outcome (a scanner
 * failure), never a silent "no match".</li>
 * </ul>
 * Every pattern sees the whole of every text (no cut-off), as {@link TextNormalizer} renders it: markup and HTML
 * entities of text/html parts resolved, compatibility forms folded (NFKC) and invisible format characters removed,
 * so that a word cannot be hidden by how it is written.
 */
public final class BannedWordScanner implements ContentScanner {

    /** A text to scan: the subject (partIndex null) or a decoded text part. */
    public record Text(Integer partIndex, String text) {
    }

    private record Compiled(BannedWord word, List<List<String>> terms, GuardedRegex regex) {
    }

    private final int threshold;
    private final List<Compiled> patterns = new ArrayList<>();

    public BannedWordScanner(int bannedWordThreshold, List<BannedWord> bannedWords) {
        this.threshold = bannedWordThreshold;
        for (BannedWord w : bannedWords) {
            if (w.enabled()) {
                patterns.add(w.patternType() == PatternType.REGEX
                        ? new Compiled(w, List.of(), GuardedRegex.compile(w.pattern()))
                        : new Compiled(w, terms(w), null));
            }
        }
    }

    private static List<List<String>> terms(BannedWord w) {
        boolean wildcard = w.patternType() == PatternType.WILDCARD;
        String p = w.pattern().trim();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            return List.of(WordTokens.of(p.substring(1, p.length() - 1), wildcard));
        }
        List<List<String>> terms = new ArrayList<>();
        for (String chunk : p.split("\\s+")) {
            List<String> words = WordTokens.of(chunk, wildcard);
            if (!words.isEmpty()) {
                terms.add(words);
            }
        }
        return terms;
    }

    @Override
    public Scanner id() {
        return Scanner.BANNED_WORDS;
    }

    @Override
    public boolean enabled(ScanContext context) {
        return context.settings().bannedWords();
    }

    @Override
    public boolean monitorable() {
        return true;
    }

    @Override
    public boolean reads(ScanPart part) {
        return TextDecoder.isText(part);
    }

    /**
     * Scores the subject and the text parts together. The score is about the message, so a block is a message
     * finding: banned words block the whole message even under removeBlocked.
     */
    @Override
    public ScanReport scan(ScanContext context) {
        List<Text> texts = new ArrayList<>();
        if (context.request().subject() != null) {
            texts.add(new Text(null, TextNormalizer.normalize(context.request().subject(), false)));
        }
        for (ScanPart part : context.parts()) {
            if (part.hasContent() && TextDecoder.isText(part)) {
                texts.add(new Text(part.index(),
                        TextNormalizer.normalize(TextDecoder.decode(part), TextNormalizer.isMarkup(part))));
            }
        }
        BannedWordScore score = score(texts, context.regexBudget());
        List<ScanFinding> findings = new ArrayList<>();
        for (BannedWord w : score.budgetExceeded()) {
            findings.add(ScanFinding.error(null, "regex budget exceeded: " + w.pattern()));
        }
        if (score.blocked()) {
            findings.add(ScanFinding.block(Reason.BANNED_WORDS, null, score.describe()));
        } else if (!score.matched().isEmpty()) {
            findings.add(ScanFinding.match(null, score.describe()));
        } else if (score.budgetExceeded().isEmpty()) {
            findings.add(ScanFinding.clean(null, score.describe()));
        }
        return ScanReport.of(findings).withEvidence(score);
    }

    /**
     * @param texts  the texts as the scanner matches them (already normalised)
     * @param budget the message's regex budget, shared with its other patterns
     */
    public BannedWordScore score(List<Text> texts, RegexBudget budget) {
        List<TokenizedText> tokenized = texts.stream().map(TokenizedText::new).toList();
        long total = 0;
        List<BannedWordScore.Found> found = new ArrayList<>();
        List<BannedWord> exceeded = new ArrayList<>();
        BannedWord exemptBy = null;
        for (Compiled c : patterns) {
            Integer where = null;
            boolean hit = false;
            boolean gaveUp = false;
            for (TokenizedText t : tokenized) {
                GuardedRegex.Result r = c.regex() != null ? c.regex().find(t.text.text(), budget) : t.contains(c.terms());
                if (r == GuardedRegex.Result.MATCH) {
                    hit = true;
                    where = t.text.partIndex();
                    break;
                }
                gaveUp |= r == GuardedRegex.Result.BUDGET_EXCEEDED;
            }
            if (hit) {
                found.add(new BannedWordScore.Found(c.word(), where));
                if (c.word().action() == BannedWordAction.EXEMPT) {
                    exemptBy = exemptBy == null ? c.word() : exemptBy;
                } else {
                    total += c.word().score();
                }
            } else if (gaveUp) {
                exceeded.add(c.word());
            }
        }
        return new BannedWordScore(total, threshold, found, exemptBy, exceeded);
    }

    private static final class TokenizedText {
        private final Text text;
        private List<String> words;
        private Set<String> wordSet;

        TokenizedText(Text text) {
            this.text = text;
        }

        GuardedRegex.Result contains(List<List<String>> terms) {
            if (terms.isEmpty()) {
                return GuardedRegex.Result.NO_MATCH;
            }
            if (words == null) {
                words = WordTokens.of(text.text(), false);
                wordSet = new HashSet<>(words);
            }
            for (List<String> term : terms) {
                if (!containsSequence(term)) {
                    return GuardedRegex.Result.NO_MATCH;
                }
            }
            return GuardedRegex.Result.MATCH;
        }

        private boolean containsSequence(List<String> term) {
            if (term.size() == 1 && !Wildcard.hasWildcard(term.get(0))) {
                return wordSet.contains(term.get(0));
            }
            for (int i = 0; i + term.size() <= words.size(); i++) {
                int j = 0;
                while (j < term.size() && Wildcard.matches(term.get(j), words.get(i + j))) {
                    j++;
                }
                if (j == term.size()) {
                    return true;
                }
            }
            return false;
        }
    }

    public static List<ValidationProblem> validate(int bannedWordThreshold, List<BannedWord> bannedWords) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (bannedWordThreshold < 0) {
            problems.add(new ValidationProblem("bannedWordThreshold", "must be 0 or more, was " + bannedWordThreshold));
        }
        for (int i = 0; i < bannedWords.size(); i++) {
            BannedWord w = bannedWords.get(i);
            String path = "bannedWords[" + i + "]";
            problems.addAll(ValuePattern.validate(path, w.pattern(), w.patternType()));
            if (w.patternType() != null && w.patternType() != PatternType.REGEX && w.pattern() != null
                    && !w.pattern().isBlank()
                    && terms(w).stream().allMatch(List::isEmpty)) {
                problems.add(new ValidationProblem(path + ".pattern", "has no letters or digits to match"));
            }
            if (w.action() == null) {
                problems.add(new ValidationProblem(path + ".action", "is required"));
            }
            if (w.score() < 0) {
                problems.add(new ValidationProblem(path + ".score", "must be 0 or more, was " + w.score()));
            }
        }
        return problems;
    }
}
