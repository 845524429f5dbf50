package io.mmsguard.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding read from one record's bytes, checking every declared length against what the record
 * still holds before allocating anything. Avro's own decoders allocate for the declared length first, so a 7-byte
 * record declaring a 1 GiB string or a billion array items exhausts the heap of the stream thread that reads it;
 * here it is an {@link IOException} that the deserializer turns into a SerializationException.
 *
 * <p>Block counts of arrays and maps may exceed the remaining bytes by {@value #ZERO_SIZE_ITEM_ALLOWANCE}, because items
 * of a zero-byte type (null, an empty record) legitimately take no bytes.
 */
final class BoundedBinaryDecoder extends Decoder {
    static final int ZERO_SIZE_ITEM_ALLOWANCE = 1024;

    private final byte[] buf;
    private final int limit;
    private int pos;

    BoundedBinaryDecoder(byte[] data, int offset, int length) {
        this.buf = data;
        this.pos = offset;
        this.limit = offset + length;
    }

    private int remaining() {
        return limit - pos;
    }

    private void require(long n, String what) throws IOException {
        if (n < 0) {
            throw new IOException("negative " + what + " length " + n + " at byte " + pos);
        }
        if (n > remaining()) {
            throw new EOFException(what + " declares " + n + " bytes but only " + remaining() + " remain at byte " + pos);
        }
    }

    @Override
    public void readNull() {
        // A null takes no bytes.
    }

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "boolean");
        int b = buf[pos++];
        if (b != 0 && b != 1) {
            throw new IOException("invalid boolean byte " + b + " at byte " + (pos - 1));
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        long v = readVarLong(5);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IOException("int out of range at byte " + pos);
        }
        return (int) v;
    }

    @Override
    public long readLong() throws IOException {
        return readVarLong(10);
    }

    private long readVarLong(int maxBytes) throws IOException {
        long raw = 0;
        for (int shift = 0, i = 0; i < maxBytes; i++, shift += 7) {
            require(1, "varint");
            int b = buf[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("varint longer than " + maxBytes + " bytes at byte " + pos);
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "float");
        float f = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return f;
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "double");
        double d = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        pos += 8;
        return d;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        int length = readLength("string"); // read first: it moves pos past the varint
        pos += length;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        result.put(buf, pos, length);
        result.flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        int length = readLength("bytes"); // read first: it moves pos past the varint
        pos += length;
    }

    private int readLength(String what) throws IOException {
        long length = readLong();
        require(length, what);
        return (int) length;
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "fixed");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks();
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks();
    }

    /* A block is a count; a negative count is followed by the block's size in bytes (which lets readers skip it). */
    private long readBlockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            count = -count;
            readLong();
        }
        if (count > (long) remaining() + ZERO_SIZE_ITEM_ALLOWANCE) {
            throw new IOException("block declares " + count + " items but only " + remaining() + " bytes remain at byte " + pos);
        }
        return count;
    }

    /* Skips whole sized blocks; returns the count of the first unsized block for the caller to skip item by item. */
    private long skipBlocks() throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                if (count > (long) remaining() + ZERO_SIZE_ITEM_ALLOWANCE) {
                    throw new IOException("block declares " + count + " items but only " + remaining() + " bytes remain");
                }
                return count;
            }
            long size = readLong();
            require(size, "block");
            pos += (int) size;
        }
    }
}
