package io.mmsguard.inspection.scan;

/**
 * How a pattern is matched, always case-insensitively; mirrors the Avro {@code PatternType}. SIMPLE and WILDCARD never
 * use java.util.regex, so only REGEX patterns need the backtracking guard.
 */
public enum PatternType {
    SIMPLE, WILDCARD, REGEX
}
