package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines no longer than a limit: a longer line is consumed and reported as {@link #TOO_LONG} without ever
 * being held in memory, so a corrupt or hostile database file cannot exhaust the heap.
 */
final class BoundedLineReader {
    static final String TOO_LONG = "\u0000too long";

    private final Reader in;
    private final int maxLength;
    private final StringBuilder line = new StringBuilder();

    BoundedLineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** @return the next line without its terminator, {@link #TOO_LONG}, or null at end of input */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return result(tooLong);
            }
            if (line.length() < maxLength) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        return line.length() == 0 && !tooLong ? null : result(tooLong);
    }

    private String result(boolean tooLong) {
        if (tooLong) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}
