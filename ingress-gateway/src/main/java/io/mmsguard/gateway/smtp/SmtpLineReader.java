package io.mmsguard.gateway.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits the bytes of one SMTP connection into lines. Only CRLF ends a line (RFC 5321 §2.3.8): a bare CR or LF is
 * part of the line, so {@code <LF>.<LF>} can never end DATA here (no SMTP smuggling through the gateway). A line
 * longer than the limit is dropped up to its CRLF without buffering it and reported as one {@link Line#tooLong()}
 * line. Not thread-safe: used on the connection's event loop only.
 */
final class SmtpLineReader {

    /** One line without its CRLF; {@code tooLong} lines carry no bytes. */
    record Line(byte[] bytes, boolean tooLong) {
        static final Line TOO_LONG = new Line(new byte[0], true);
    }

    private ByteBuf buffer = Unpooled.buffer(1024);
    private boolean discarding;

    void add(ByteBuf in) {
        try {
            if (buffer == null) {
                return;
            }
            buffer.discardReadBytes();
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
    }

    /**
     * @param maxLength longest line content accepted, without the CRLF
     * @return the next complete line, or null when more bytes are needed
     */
    Line next(int maxLength) {
        if (buffer == null) {
            return null;
        }
        while (true) {
            int start = buffer.readerIndex();
            int end = buffer.writerIndex();
            if (discarding) {
                int eol = findCrlf(start, end);
                if (eol >= 0) {
                    buffer.readerIndex(eol + 2);
                    discarding = false;
                    return Line.TOO_LONG;
                }
                // keep a trailing CR: its LF may come in the next read
                int keep = end > start && buffer.getByte(end - 1) == '\r' ? 1 : 0;
                buffer.readerIndex(end - keep);
                return null;
            }
            int eol = findCrlf(start, Math.min(end, start + maxLength + 2));
            if (eol >= 0) {
                byte[] line = new byte[eol - start];
                buffer.readBytes(line);
                buffer.skipBytes(2);
                return new Line(line, false);
            }
            if (end - start < maxLength + 2) {
                return null;
            }
            discarding = true;
        }
    }

    /** Bytes buffered and not yet returned as lines. */
    int buffered() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    /** Drops what is buffered (after STARTTLS: plaintext pipelined behind it must not be executed). */
    void clear() {
        if (buffer != null) {
            buffer.clear();
        }
        discarding = false;
    }

    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** Index of the CR of the first CRLF in [from, to), or -1. */
    private int findCrlf(int from, int to) {
        int i = from + 1;
        while (i < to) {
            int lf = buffer.indexOf(i, to, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            if (buffer.getByte(lf - 1) == '\r') {
                return lf - 1;
            }
            i = lf + 1;
        }
        return -1;
    }
}
