package io.mmsguard.notifier;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Compact binary form of a {@link NoticeWindow.State} for a Kafka Streams store and its changelog. Times are kept
 * to the millisecond (Kafka timestamps are milliseconds); finer parts are dropped on encoding.
 *
 * <pre>
 * byte    version (1)
 * byte    flags: bit 0 = a notice was sent, bit 1 = events pending,
 *                bits 2-6 = sample sender, virus, threshold, window, detail present
 * zigzag  lastNoticeAt (epoch millis)                  (only with bit 0)
 * varint  pending count                                (only with bit 1, which needs bit 0)
 * zigzag  firstPendingAt - lastNoticeAt                (only with bit 1)
 * varint  lastPendingAt - firstPendingAt               (only with bit 1)
 * per present sample field, in order: varint length, UTF-8 bytes (at most MAX_STRING_BYTES)
 * </pre>
 *
 * A key with one notice and nothing pending costs about 8 bytes plus the sample.
 */
public final class NoticeStateCodec {

    public static final byte VERSION = 1;
    /** {@link Sample#MAX_LENGTH} characters of up to 3 UTF-8 bytes each (a surrogate pair is 4 bytes for 2). */
    public static final int MAX_STRING_BYTES = Sample.MAX_LENGTH * 3;

    private static final int NOTICED = 1;
    private static final int PENDING = 2;
    private static final int SAMPLE_SHIFT = 2;
    private static final int SAMPLE_FIELDS = 5;
    private static final int ALL_FLAGS = (1 << (SAMPLE_SHIFT + SAMPLE_FIELDS)) - 1;

    private NoticeStateCodec() {
    }

    public static byte[] encode(NoticeWindow.State state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(VERSION);
        String[] fields = fields(state.sample());
        int flags = (state.lastNoticeAt() != null ? NOTICED : 0) | (state.hasPending() ? PENDING : 0);
        for (int i = 0; i < SAMPLE_FIELDS; i++) {
            if (fields[i] != null) {
                flags |= 1 << (SAMPLE_SHIFT + i);
            }
        }
        if ((flags & PENDING) != 0 && (flags & NOTICED) == 0) {
            throw new IllegalArgumentException("events pending without a notice");
        }
        out.write(flags);
        if (state.lastNoticeAt() != null) {
            long last = state.lastNoticeAt().toEpochMilli();
            writeSigned(out, last);
            if (state.hasPending()) {
                long first = state.firstPendingAt().toEpochMilli();
                writeUnsigned(out, state.pending());
                writeSigned(out, first - last);
                writeUnsigned(out, state.lastPendingAt().toEpochMilli() - first);
            }
        }
        for (String f : fields) {
            if (f != null) {
                byte[] b = f.getBytes(StandardCharsets.UTF_8);
                writeUnsigned(out, b.length);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException on an unknown version or malformed bytes (the caller starts over from empty) */
    public static NoticeWindow.State decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown notice state version " + version);
            }
            int flags = in.get() & 0xFF;
            if ((flags & ~ALL_FLAGS) != 0 || ((flags & PENDING) != 0 && (flags & NOTICED) == 0)) {
                throw new IllegalArgumentException("bad flags " + flags);
            }
            Instant lastNotice = null;
            long pending = 0;
            Instant firstPending = null;
            Instant lastPending = null;
            if ((flags & NOTICED) != 0) {
                long last = readSigned(in);
                lastNotice = Instant.ofEpochMilli(last);
                if ((flags & PENDING) != 0) {
                    pending = readUnsigned(in);
                    if (pending < 1) {
                        throw new IllegalArgumentException("bad pending count " + pending);
                    }
                    long first = Math.addExact(last, readSigned(in));
                    long span = readUnsigned(in);
                    if (span < 0) {
                        throw new IllegalArgumentException("bad pending span " + span);
                    }
                    firstPending = Instant.ofEpochMilli(first);
                    lastPending = Instant.ofEpochMilli(Math.addExact(first, span));
                }
            }
            String[] f = new String[SAMPLE_FIELDS];
            for (int i = 0; i < SAMPLE_FIELDS; i++) {
                if ((flags & 1 << (SAMPLE_SHIFT + i)) != 0) {
                    f[i] = readString(in);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes in notice state");
            }
            return new NoticeWindow.State(lastNotice, pending, firstPending, lastPending,
                    new Sample(f[0], f[1], f[2], f[3], f[4]));
        } catch (BufferUnderflowException | ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed notice state", e);
        }
    }

    private static String[] fields(Sample s) {
        return new String[] {s.sender(), s.virus(), s.threshold(), s.window(), s.detail()};
    }

    private static String readString(ByteBuffer in) {
        long n = readUnsigned(in);
        if (n > MAX_STRING_BYTES || n > in.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("sample is not UTF-8", e);
        }
    }

    /** LEB128: seven bits per byte, low group first, high bit = more follows. */
    static void writeUnsigned(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void writeSigned(ByteArrayOutputStream out, long v) {
        writeUnsigned(out, (v << 1) ^ (v >> 63));
    }

    static long readUnsigned(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.get() & 0xFF;
            if (shift == 63 && b > 1) {
                throw new IllegalArgumentException("varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    static long readSigned(ByteBuffer in) {
        long u = readUnsigned(in);
        return (u >>> 1) ^ -(u & 1);
    }
}
