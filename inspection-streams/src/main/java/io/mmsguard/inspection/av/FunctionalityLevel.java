package io.mmsguard.inspection.av;

/**
 * The ClamAV "functionality level" (flevel) this engine claims. Signature lines carry an optional minimum and
 * maximum flevel so that old engines skip signatures they would misread; we honour them the same way.
 */
final class FunctionalityLevel {
    /** The level of ClamAV 1.0, whose body-signature syntax subset this engine implements. */
    static final int ENGINE = 150;
    /** The skip reason of signatures outside this engine's level, as ClamAV skips those outside its own. */
    static final String REASON = "outside functionality level " + ENGINE;

    private FunctionalityLevel() {
    }

    static void check(String min, String max) throws SignatureSyntaxException {
        if (min != null && !min.isEmpty() && parse(min, "min_flevel") > ENGINE) {
            throw new SignatureSyntaxException(REASON, "needs functionality level " + min + " > " + ENGINE);
        }
        if (max != null && !max.isEmpty() && parse(max, "max_flevel") < ENGINE) {
            throw new SignatureSyntaxException(REASON, "only for functionality level <= " + max);
        }
    }

    private static int parse(String value, String field) throws SignatureSyntaxException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SignatureSyntaxException("bad " + field + ": " + value);
        }
    }
}
