package io.mmsguard.codec.mm7;

/**
 * A response's Status element.
 *
 * @param code    StatusCode as received (may be a vendor code; see {@link Mm7StatusCode#of(int)})
 * @param text    StatusText, or null
 * @param details text content of Details (any XML in the schema; only its text is kept), or null
 */
public record Mm7Status(int code, String text, String details) {

    public static Mm7Status of(Mm7StatusCode code) {
        return new Mm7Status(code.code(), code.defaultText(), null);
    }
}
