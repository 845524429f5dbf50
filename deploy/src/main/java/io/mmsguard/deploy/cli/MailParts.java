package io.mmsguard.deploy.cli;

import io.mmsguard.codec.MessagePart;

/** The pieces of a mail that {@code send mm3} and {@code send mm4} build alike. */
final class MailParts {
    private MailParts() {
    }

    /** The --attach file as a mail part, or null. */
    static MessagePart attachment(ContentOptions content) {
        return content.attachment().map(a -> new MessagePart(SendBase.mediaType(a.contentType()), null, a.fileName(),
                null, null, a.data())).orElse(null);
    }

    /** {@code id@domain}, the domain taken from {@code address} ({@code mmsguard.invalid} when it has none). */
    static String messageId(String id, String address) {
        int at = address.lastIndexOf('@');
        return id + "@" + (at < 0 || at == address.length() - 1 ? "mmsguard.invalid" : address.substring(at + 1));
    }
}
