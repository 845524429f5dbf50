package io.mmsguard.codec.mm1;

import java.util.Arrays;

/**
 * A header value the codec could not (or need not) interpret: an unknown header code, or a known header whose
 * value did not match its grammar. Kept verbatim (as delimited by the first-octet rule) and re-emitted unchanged.
 */
public record RawValue(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof RawValue r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RawValue[");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.append(']').toString();
    }
}
