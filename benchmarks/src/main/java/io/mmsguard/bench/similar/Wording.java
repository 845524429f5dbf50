package io.mmsguard.bench.similar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Words for the generated texts: English function words at the top of a Zipf distribution, then pseudo-words, so
 * that unrelated texts share common words and word pairs as real ones do; and the renderer of spin templates:
 * {@code {a|b|c}} picks one alternative, {@code ${field}} inserts a per-message value (name, token, URL, code...).
 */
public final class Wording {

    static final List<String> FUNCTION_WORDS = List.of("the", "to", "and", "a", "of", "you", "your", "for", "is", "in",
            "it", "on", "now", "this", "with", "we", "at", "be", "are", "get", "our", "from", "just", "all", "can",
            "will", "have", "not", "more", "here", "today", "only", "by", "new", "free", "up", "click", "me", "my",
            "i", "so", "if", "no", "out", "one", "what", "do", "an", "or", "as", "but", "that", "time", "off", "call",
            "see", "win", "day", "offer", "best", "was", "go", "know", "how", "good", "about", "when", "there", "was",
            "love", "send", "text", "back", "please", "tonight", "tomorrow", "week", "home", "thanks", "ok", "got",
            "let", "like", "come", "want", "need", "still", "yes", "great", "deal", "money", "prize", "claim",
            "link", "code", "account", "order", "message", "reply", "stop", "limited", "exclusive", "bonus",
            "cash", "winner", "chance", "gift", "discount", "sale", "members", "visit", "online", "phone", "number");

    static final List<String> NAMES = List.of("Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hugo",
            "Ines", "Jonas", "Katja", "Liam", "Maria", "Nils", "Olga", "Pedro", "Queenie", "Rafael", "Sara", "Tomas",
            "Ulla", "Viktor", "Wanda", "Xavier", "Yara", "Zoltan", "Amira", "Bjorn", "Chloe", "Dmitri", "Emma",
            "Felix", "Hannah", "Ivan", "Julia", "Kevin", "Lena", "Marco", "Nora", "Oscar", "Paula", "Ravi", "Sofia",
            "Theo", "Uma", "Vera", "Walter", "Ximena", "Yusuf", "Zoe", "Mr Smith", "Ms Jones", "Dr Novak");

    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
        "v", "w", "z", "br", "cl", "dr", "fl", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "m", "ck", "nd", "st"};

    private final List<String> words;
    private final double[] cumulative;

    /** A vocabulary of {@code size} words (function words first), Zipf-distributed with exponent 1. */
    public Wording(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> vocabulary = new LinkedHashSet<>(FUNCTION_WORDS);
        while (vocabulary.size() < size) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(pick(random, ONSETS)).append(pick(random, VOWELS));
            }
            vocabulary.add(word.append(pick(random, CODAS)).toString());
        }
        words = new ArrayList<>(vocabulary);
        cumulative = new double[words.size()];
        double sum = 0;
        for (int r = 0; r < words.size(); r++) {
            sum += 1.0 / (r + 1);
            cumulative[r] = sum;
        }
    }

    public String word(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return words.get(i >= 0 ? i : Math.min(-i - 1, words.size() - 1));
    }

    /** A content word: not among the {@code skip} most frequent. */
    public String rareWord(SplittableRandom random, int skip) {
        return words.get(skip + random.nextInt(words.size() - skip));
    }

    public String sentence(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < length; w++) {
            s.append(w == 0 ? "" : " ").append(word(random));
        }
        return capitalised(s.toString());
    }

    /** Renders one spin template: alternatives chosen (they may hold fields), fields filled by {@code fields}. */
    public static String render(String template, SplittableRandom random, Fields fields) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i);
                out.append(fields.value(template.substring(i + 2, end), random));
                i = end + 1;
            } else if (c == '{') {
                int end = closing(template, i);
                List<String> alternatives = topLevelAlternatives(template.substring(i + 1, end));
                out.append(render(alternatives.get(random.nextInt(alternatives.size())), random, fields));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closing(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed { in " + template);
    }

    private static List<String> topLevelAlternatives(String inner) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        alternatives.add(inner.substring(start));
        return alternatives;
    }

    /** The per-message values a template inserts. */
    @FunctionalInterface
    public interface Fields {
        String value(String name, SplittableRandom random);
    }

    /** The values every generated message may use: a recipient's name, random tokens, codes, amounts, dates... */
    public static String standardField(String name, SplittableRandom random) {
        return switch (name) {
            case "name" -> NAMES.get(random.nextInt(NAMES.size()));
            case "token" -> token(random, 5 + random.nextInt(5));
            case "code" -> digits(random, 6);
            case "digits" -> digits(random, 4);
            case "amount" -> (1 + random.nextInt(2000)) + "." + digits(random, 2);
            case "date" -> (1 + random.nextInt(28)) + "/" + (1 + random.nextInt(12));
            case "time" -> (8 + random.nextInt(10)) + ":" + (random.nextBoolean() ? "00" : "30");
            case "tracking" -> "JD" + digits(random, 10);
            case "order" -> digits(random, 3) + "-" + digits(random, 7);
            case "phone" -> "0800 " + digits(random, 3) + " " + digits(random, 3);
            default -> throw new IllegalArgumentException("no field " + name);
        };
    }

    public static String token(SplittableRandom random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < length; i++) {
            t.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return t.toString();
    }

    static String digits(SplittableRandom random, int length) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < length; i++) {
            d.append((char) ('0' + random.nextInt(10)));
        }
        return d.toString();
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String pick(SplittableRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
