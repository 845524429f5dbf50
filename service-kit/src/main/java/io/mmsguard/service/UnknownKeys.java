package io.mmsguard.service;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What to tell the operator about a key or variable that the service does not declare: where it belongs, if anywhere. */
final class UnknownKeys {

    private UnknownKeys() {
    }

    /** {@code unknown key "mm1.hostname" (hostname is a key of mm3, mm4, not of mm1)}. */
    static String key(String key, ConfigKeys keys) {
        return "unknown key \"" + key + "\"" + hint(key, keys);
    }

    /** {@code environment variable MMSGUARD_X names no key (did you mean MMSGUARD_Y?)}. */
    static String variable(String variable, Collection<String> known) {
        return "environment variable " + variable + " names no key"
                + suggestion(variable, known).map(v -> " (did you mean " + v + "?)").orElse("");
    }

    /**
     * Why an unknown key may be there: a key of another section ({@code mm1.hostname}: hostname is a key of the SMTP
     * listeners), else a near miss of a declared key.
     */
    private static String hint(String key, ConfigKeys keys) {
        int dot = key.indexOf('.');
        if (dot > 0) {
            String section = key.substring(0, dot);
            String rest = key.substring(dot + 1);
            boolean knownSection = keys.all().stream().anyMatch(k -> k.name().startsWith(section + "."));
            Set<String> owners = new TreeSet<>();
            String what = rest;
            for (ConfigKey k : keys.all()) {
                int kDot = k.name().indexOf('.');
                String kRest = k.name().substring(kDot + 1);
                String restPrefix = k.prefix().substring(kDot + 1);
                boolean same = k.isPattern()
                        ? !restPrefix.isEmpty() && rest.startsWith(restPrefix) && rest.length() > restPrefix.length()
                        : kRest.equals(rest);
                if (same && !k.name().startsWith(section + ".")) {
                    owners.add(k.name().substring(0, kDot));
                    what = kRest;
                }
            }
            if (knownSection && !owners.isEmpty()) {
                return " (" + what + " is a key of " + String.join(", ", owners) + ", not of " + section + ")";
            }
        }
        List<String> names = keys.all().stream().filter(k -> !k.isPattern()).map(ConfigKey::name).toList();
        return suggestion(key, names).map(k -> " (did you mean \"" + k + "\"?)").orElse("");
    }

    /** The closest candidate within a few edits, if any. */
    private static Optional<String> suggestion(String word, Collection<String> candidates) {
        int limit = Math.max(2, word.length() / 6);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
