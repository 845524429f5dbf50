package io.mmsguard.gateway.mm4;

import java.util.Locale;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailMessage;

/**
 * Whether an MM4 message of a type without content (MM4_forward.RES, the delivery and read-reply reports and their
 * .RES) carries content all the same. Those types are headers to the MMSC; a human-readable text body is common
 * and harmless, but anything else (an attachment, an image, a part with a file name) is content that would reach
 * the MMSC uninspected under a report's label, so such a message is inspected like any other (issue 15).
 */
final class ReportContent {

    private ReportContent() {
    }

    static boolean carriesContent(MailMessage mail) {
        return mail.parts().stream().anyMatch(ReportContent::isContent);
    }

    private static boolean isContent(MessagePart part) {
        String type = part.contentType() == null ? "" : part.contentType().toLowerCase(Locale.ROOT);
        return !type.equals("text/plain") || part.name() != null;
    }
}
