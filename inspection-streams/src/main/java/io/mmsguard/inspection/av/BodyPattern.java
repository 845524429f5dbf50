package io.mmsguard.inspection.av;

import java.util.List;

/**
 * A compiled hex signature: its tokens and the anchor, the run of exact bytes {@code AnchorMatcher} looks for.
 *
 * @param tokens      the whole pattern, in order
 * @param anchorStart index of the first anchor token
 * @param anchorEnd   index after the last anchor token; tokens in [anchorStart, anchorEnd) are exact bytes
 */
public record BodyPattern(List<PatternToken> tokens, int anchorStart, int anchorEnd) {
    public BodyPattern {
        tokens = List.copyOf(tokens);
        if (anchorStart < 0 || anchorEnd > tokens.size() || anchorEnd - anchorStart < 1) {
            throw new IllegalArgumentException("bad anchor [" + anchorStart + ", " + anchorEnd + ")");
        }
    }

    public byte[] anchor() {
        byte[] a = new byte[anchorEnd - anchorStart];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((PatternToken.ByteToken) tokens.get(anchorStart + i)).value();
        }
        return a;
    }
}
