package io.mmsguard.gateway.smtp;

import java.io.ByteArrayOutputStream;

/** Bare CR and bare LF in SMTP data: finding and normalising them. Pure functions on bytes. */
public final class LineEnds {

    private LineEnds() {
    }

    /**
     * How many CR and LF bytes {@code line} (one line of DATA without its CRLF, as the server reads it: only CRLF
     * ends a line) holds at or after {@code from}; each one is bare.
     */
    static int bareNewlines(byte[] line, int from) {
        int n = 0;
        for (int i = from; i < line.length; i++) {
            if (line[i] == '\r' || line[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes {@code line[from..]} with every CR and every LF written as CRLF (a line read up to CRLF holds no CRLF,
     * so each is bare).
     */
    static void writeNormalised(byte[] line, int from, ByteArrayOutputStream out) {
        for (int i = from; i < line.length; i++) {
            byte b = line[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
    }

    /** Index of the first bare CR or bare LF in a whole message, or -1 when every line ends in CRLF. */
    public static int indexOfBareNewline(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n')) {
                return i;
            }
            if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
                return i;
            }
        }
        return -1;
    }
}
