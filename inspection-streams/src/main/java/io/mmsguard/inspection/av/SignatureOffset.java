package io.mmsguard.inspection.av;

/**
 * Where a body signature's first byte may lie.
 *
 * <p>Supported ClamAV offset forms: {@code *} (anywhere), {@code n} (exactly at byte n), {@code n,m} (anywhere in
 * [n, n+m]), {@code EOF-n} (exactly n bytes before the end) and {@code EOF-n,m} (in [len-n, len-n+m]). Offsets that
 * need a parsed executable ({@code EP+n}, {@code Sx+n}, {@code SL+n}, {@code SE}, {@code VI}) and macros
 * ({@code $n$}) are rejected.
 */
public record SignatureOffset(Kind kind, long n, long maxShift) {
    public enum Kind { ANY, FROM_START, FROM_END }

    public static final SignatureOffset ANY = new SignatureOffset(Kind.ANY, 0, 0);

    public static SignatureOffset parse(String text) throws SignatureSyntaxException {
        if (text.equals("*")) {
            return ANY;
        }
        if (text.startsWith("EP") || text.startsWith("S") || text.startsWith("VI")) {
            throw SignatureSyntaxException.unsupported("offset relative to an executable's structure",
                    "unsupported offset: " + text);
        }
        if (text.startsWith("$")) {
            throw SignatureSyntaxException.unsupported("offset macro $n$", "unsupported offset: " + text);
        }
        String base = text;
        long shift = 0;
        int comma = text.indexOf(',');
        if (comma >= 0) {
            base = text.substring(0, comma);
            shift = number(text.substring(comma + 1), text);
        }
        if (base.startsWith("EOF-")) {
            return new SignatureOffset(Kind.FROM_END, number(base.substring(4), text), shift);
        }
        return new SignatureOffset(Kind.FROM_START, number(base, text), shift);
    }

    private static long number(String s, String whole) throws SignatureSyntaxException {
        if (s.isEmpty() || s.length() > 10) {
            throw new SignatureSyntaxException("unsupported offset: " + whole);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new SignatureSyntaxException("unsupported offset: " + whole);
            }
        }
        return Long.parseLong(s);
    }

    /** @return true when a match starting at {@code start} in content of {@code length} bytes is allowed */
    public boolean allows(long start, long length) {
        return switch (kind) {
            case ANY -> true;
            case FROM_START -> start >= n && start <= n + maxShift;
            case FROM_END -> start >= length - n && start <= length - n + maxShift;
        };
    }

    /** The first allowed start position, for pruning; may be negative or beyond the content. */
    long lowest(long length) {
        return switch (kind) {
            case ANY -> 0;
            case FROM_START -> n;
            case FROM_END -> length - n;
        };
    }

    /** The last allowed start position. */
    long highest(long length) {
        return switch (kind) {
            case ANY -> length;
            case FROM_START -> n + maxShift;
            case FROM_END -> length - n + maxShift;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANY -> "*";
            case FROM_START -> n + (maxShift > 0 ? "," + maxShift : "");
            case FROM_END -> "EOF-" + n + (maxShift > 0 ? "," + maxShift : "");
        };
    }
}
