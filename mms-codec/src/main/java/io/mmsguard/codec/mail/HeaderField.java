package io.mmsguard.codec.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header field as it travelled: its name, its unfolded value, and its original bytes (folding included, final
 * line break excluded) so that an untouched message can be written back as it came.
 *
 * @param name  field name as written (compare case-insensitively)
 * @param value unfolded field body, surrounding white space removed, encoded-words NOT decoded
 * @param raw   original bytes of the whole field without its terminating line break
 */
public record HeaderField(String name, String value, byte[] raw) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(raw, "raw");
    }

    /** A new field; its raw form is {@code name: value} in UTF-8 (callers encode non-ASCII text first). */
    public static HeaderField of(String name, String value) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= 32 || c >= 127 || c == ':')) {
            throw new IllegalArgumentException("not a header field name: " + name);
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in the value of " + name);
        }
        return new HeaderField(name, value.strip(), (name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    /** Splits original field bytes at the first colon; returns null when there is no usable field name. */
    static HeaderField parse(byte[] raw) {
        String text = HeaderText.decodeBytes(raw);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String name = text.substring(0, colon).strip();
        if (name.isEmpty()) {
            return null;
        }
        return new HeaderField(name, HeaderText.unfold(text.substring(colon + 1)), raw);
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** Equality is on name and value: two fields folded differently are the same field. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && name.equalsIgnoreCase(f.name) && value.equals(f.value);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + value + (Arrays.equals(raw, (name + ": " + value).getBytes(StandardCharsets.UTF_8)) ? "" : " (folded)");
    }
}
