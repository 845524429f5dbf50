package io.mmsguard.inspection.av;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a ClamAV hex signature into {@link PatternToken}s and picks its anchor.
 *
 * <p>Supported constructs: pairs of hex digits (an exact byte); {@code ??} (any byte); {@code x?} and {@code ?x}
 * (one nibble fixed); {@code *} (any number of bytes); {@code {n}} (exactly n bytes); {@code {-n}} (0 to n bytes);
 * {@code {n-}} (n or more bytes); {@code {n-m}} (n to m bytes); {@code (aa|bbcc|...)} (one of several fixed byte
 * strings, lengths may differ). Rejected: negated alternatives {@code !(..)}, wildcards inside alternatives,
 * the {@code (B)} / {@code (L)} boundary markers, {@code [n-m]} anchored ranges, a gap at either end of the
 * signature, and signatures without a run of at least {@value #MIN_ANCHOR} exact bytes (the anchor matcher needs one).
 *
 * <p>The anchor is the longest run of exact bytes (the leftmost one on ties), cut to {@value #MAX_ANCHOR} bytes:
 * a longer anchor only lengthens the comparison {@code AnchorMatcher} makes where its filter passes, without making
 * candidate hits noticeably rarer.
 */
public final class HexPatternCompiler {
    static final int MIN_ANCHOR = 2;
    static final int MAX_ANCHOR = 64;

    private final int maxSignatureBytes;

    public HexPatternCompiler(int maxSignatureBytes) {
        this.maxSignatureBytes = maxSignatureBytes;
    }

    public BodyPattern compile(String hex) throws SignatureSyntaxException {
        List<PatternToken> tokens = tokenize(hex);
        if (tokens.isEmpty()) {
            throw new SignatureSyntaxException("empty hex signature");
        }
        if (tokens.get(0) instanceof PatternToken.Gap || tokens.get(tokens.size() - 1) instanceof PatternToken.Gap) {
            throw new SignatureSyntaxException("hex signature starts or ends with a gap");
        }
        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean exact = i < tokens.size() && tokens.get(i) instanceof PatternToken.ByteToken b && b.exact();
            if (exact && runStart < 0) {
                runStart = i;
            } else if (!exact && runStart >= 0) {
                if (i - runStart > bestLength) {
                    bestStart = runStart;
                    bestLength = i - runStart;
                }
                runStart = -1;
            }
        }
        if (bestLength < MIN_ANCHOR) {
            throw SignatureSyntaxException.unsupported("no anchor of " + MIN_ANCHOR + " exact bytes",
                    "no run of " + MIN_ANCHOR + " exact bytes to anchor the signature");
        }
        return new BodyPattern(tokens, bestStart, bestStart + Math.min(bestLength, MAX_ANCHOR));
    }

    private List<PatternToken> tokenize(String hex) throws SignatureSyntaxException {
        List<PatternToken> tokens = new ArrayList<>();
        int positions = 0;
        int i = 0;
        while (i < hex.length()) {
            char c = hex.charAt(i);
            if (c == '*') {
                addGap(tokens, 0, PatternToken.Gap.UNBOUNDED);
                i++;
            } else if (c == '{') {
                int close = hex.indexOf('}', i);
                if (close < 0) {
                    throw new SignatureSyntaxException("unclosed {");
                }
                int[] range = range(hex.substring(i + 1, close));
                addGap(tokens, range[0], range[1]);
                i = close + 1;
            } else if (c == '(') {
                int close = hex.indexOf(')', i);
                if (close < 0) {
                    throw new SignatureSyntaxException("unclosed (");
                }
                PatternToken.Alternatives alt = alternatives(hex.substring(i + 1, close));
                tokens.add(alt);
                positions += alt.options().stream().mapToInt(o -> o.length).max().orElse(0);
                i = close + 1;
            } else if (c == '!' || c == '[' || c == ']' || c == '|' || c == ')') {
                throw SignatureSyntaxException.unsupported("hex construct '" + c + "'",
                        "unsupported construct '" + c + "' at " + i);
            } else {
                if (i + 1 >= hex.length()) {
                    throw new SignatureSyntaxException("odd number of hex digits");
                }
                tokens.add(byteToken(hex.charAt(i), hex.charAt(i + 1)));
                positions++;
                i += 2;
            }
            if (positions > maxSignatureBytes) {
                throw new SignatureSyntaxException("over the signature length limit",
                        "signature longer than " + maxSignatureBytes + " bytes");
            }
        }
        return tokens;
    }

    /** Adjacent gaps add up, so {@code {2}*} becomes one token and verification never sees two gaps in a row. */
    private static void addGap(List<PatternToken> tokens, int min, int max) {
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1) instanceof PatternToken.Gap g) {
            tokens.set(tokens.size() - 1, new PatternToken.Gap(satAdd(g.min(), min), satAdd(g.max(), max)));
        } else {
            tokens.add(new PatternToken.Gap(min, max));
        }
    }

    private static int satAdd(int a, int b) {
        long s = (long) a + b;
        return s >= PatternToken.Gap.UNBOUNDED ? PatternToken.Gap.UNBOUNDED : (int) s;
    }

    private static int[] range(String body) throws SignatureSyntaxException {
        int dash = body.indexOf('-');
        if (dash < 0) {
            int n = gapNumber(body);
            return new int[] {n, n};
        }
        String lo = body.substring(0, dash);
        String hi = body.substring(dash + 1);
        if (lo.isEmpty() && hi.isEmpty()) {
            throw new SignatureSyntaxException("empty range {-}");
        }
        int min = lo.isEmpty() ? 0 : gapNumber(lo);
        int max = hi.isEmpty() ? PatternToken.Gap.UNBOUNDED : gapNumber(hi);
        if (max < min) {
            throw new SignatureSyntaxException("range {" + body + "} has max < min");
        }
        return new int[] {min, max};
    }

    private static int gapNumber(String s) throws SignatureSyntaxException {
        if (s.isEmpty() || s.length() > 9) {
            throw new SignatureSyntaxException("bad gap length: " + s);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new SignatureSyntaxException("bad gap length: " + s);
            }
        }
        return Integer.parseInt(s);
    }

    private static PatternToken.Alternatives alternatives(String body) throws SignatureSyntaxException {
        if (body.equalsIgnoreCase("B") || body.equalsIgnoreCase("L")) {
            throw SignatureSyntaxException.unsupported("hex construct (B)/(L)",
                    "boundary marker (" + body + ") not supported");
        }
        String[] parts = body.split("\\|", -1);
        if (parts.length < 2) {
            throw new SignatureSyntaxException("alternative group needs at least two options: (" + body + ")");
        }
        List<byte[]> options = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty() || p.length() % 2 != 0) {
                throw new SignatureSyntaxException("alternative option must be whole bytes: (" + body + ")");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int k = 0; k < p.length(); k += 2) {
                int hi = Character.digit(p.charAt(k), 16);
                int lo = Character.digit(p.charAt(k + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw SignatureSyntaxException.unsupported("hex construct: wildcard in (..|..)",
                            "wildcards inside alternatives not supported: (" + body + ")");
                }
                out.write(hi << 4 | lo);
            }
            options.add(out.toByteArray());
        }
        return new PatternToken.Alternatives(options);
    }

    private static PatternToken.ByteToken byteToken(char h, char l) throws SignatureSyntaxException {
        int hi = h == '?' ? -2 : Character.digit(h, 16);
        int lo = l == '?' ? -2 : Character.digit(l, 16);
        if (hi == -1 || lo == -1) {
            throw new SignatureSyntaxException("not a hex byte: " + h + l);
        }
        int value = (hi < 0 ? 0 : hi << 4) | (lo < 0 ? 0 : lo);
        int mask = (hi < 0 ? 0 : 0xF0) | (lo < 0 ? 0 : 0x0F);
        return new PatternToken.ByteToken((byte) value, (byte) mask);
    }
}
