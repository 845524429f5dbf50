package io.mmsguard.inspection.scan;

/**
 * Glob matching with {@code *} (any run, also empty) and {@code ?} (exactly one char) over the whole value. Greedy with a
 * single backtrack point, so it runs in O(value x pattern) whatever the input: wildcard entries need no regex guard.
 * Callers lower-case both sides first (patterns are case-insensitive everywhere).
 */
public final class Wildcard {

    private Wildcard() {
    }

    public static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = -1;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }
}
