package io.mmsguard.codec.mm7;

/**
 * The Content element: a reference to the attachment holding the MM.
 *
 * @param href             as sent (normally "cid:..."), trimmed
 * @param allowAdaptations the attribute, or null when absent (the schema default is true)
 */
public record Mm7ContentRef(String href, Boolean allowAdaptations) {

    public static Mm7ContentRef cid(String contentId) {
        return new Mm7ContentRef("cid:" + contentId, null);
    }
}
