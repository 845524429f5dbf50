package io.mmsguard.inspection.av;

import java.util.Arrays;
import java.util.List;

/** One element of a compiled body signature. */
public sealed interface PatternToken {

    /** One byte compared under a mask: 0xFF exact, 0xF0 / 0x0F one nibble, 0x00 any byte ({@code ??}). */
    record ByteToken(byte value, byte mask) implements PatternToken {
        public boolean matches(byte b) {
            return (b & mask) == (value & mask);
        }

        public boolean exact() {
            return mask == (byte) 0xFF;
        }
    }

    /** Skip between {@code min} and {@code max} arbitrary bytes; {@code max == UNBOUNDED} for {@code *}. */
    record Gap(int min, int max) implements PatternToken {
        public static final int UNBOUNDED = Integer.MAX_VALUE;
    }

    /** One of several fixed byte strings, possibly of different lengths: {@code (aa|bbcc)}. */
    record Alternatives(List<byte[]> options) implements PatternToken {
        public Alternatives {
            options = List.copyOf(options);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Alternatives a) || a.options.size() != options.size()) {
                return false;
            }
            for (int i = 0; i < options.size(); i++) {
                if (!Arrays.equals(options.get(i), a.options.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] o : options) {
                h = 31 * h + Arrays.hashCode(o);
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Alternatives[");
            for (byte[] o : options) {
                sb.append(HexFormatHolder.HEX.formatHex(o)).append('|');
            }
            return sb.append(']').toString();
        }
    }

    final class HexFormatHolder {
        static final java.util.HexFormat HEX = java.util.HexFormat.of();

        private HexFormatHolder() {
        }
    }
}
