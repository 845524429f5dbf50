package io.mmsguard.codec.mm7;

import java.util.Objects;

/**
 * One MM7 address (addressType): a Number, ShortCode or RFC2822Address.
 *
 * @param kind          which element carried it
 * @param value         trimmed text; for a Number, any "/TYPE=PLMN" suffix (Nokia, Mbuni) is removed
 * @param displayOnly   the displayOnly attribute, or null when absent (schema default false)
 * @param addressCoding the addressCoding attribute ("encrypted" or "obfuscated"), or null
 */
public record Mm7Address(Kind kind, String value, Boolean displayOnly, String addressCoding) {

    public enum Kind {
        NUMBER("Number"), SHORT_CODE("ShortCode"), RFC2822_ADDRESS("RFC2822Address");

        private final String elementName;

        Kind(String elementName) {
            this.elementName = elementName;
        }

        public String elementName() {
            return elementName;
        }

        /** Null when the local name is none of the three. */
        public static Kind ofElement(String localName) {
            for (Kind k : values()) {
                if (k.elementName.equals(localName)) {
                    return k;
                }
            }
            return null;
        }
    }

    public Mm7Address {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Mm7Address number(String value) {
        return new Mm7Address(Kind.NUMBER, value, null, null);
    }

    public static Mm7Address shortCode(String value) {
        return new Mm7Address(Kind.SHORT_CODE, value, null, null);
    }

    public static Mm7Address rfc2822(String value) {
        return new Mm7Address(Kind.RFC2822_ADDRESS, value, null, null);
    }
}
