package io.mmsguard.inspection.threshold;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** LEB128 unsigned varints and zig-zag signed varints, as in Avro and protobuf. */
final class Varints {

    static final int MAX_LONG_BYTES = 10;

    private Varints() {
    }

    static void writeUnsigned(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static void writeSigned(ByteArrayOutputStream out, long value) {
        writeUnsigned(out, (value << 1) ^ (value >> 63));
    }

    static long readUnsigned(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b;
            try {
                b = in.get();
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated varint", e);
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    static long readSigned(ByteBuffer in) {
        long raw = readUnsigned(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    static int size(long unsigned) {
        int n = 1;
        while ((unsigned & ~0x7FL) != 0) {
            unsigned >>>= 7;
            n++;
        }
        return n;
    }
}
