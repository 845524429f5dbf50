package io.mmsguard.codec.mm4;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.HeaderText;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.TransferEncoding;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Messages the notifier sends: a text alert as MM3 mail or as MM4_forward.REQ, optionally with one attachment. */
public final class AlertMails {

    private AlertMails() {
    }

    /** The alert body: the text alone, or multipart/mixed of the text and the attachment (base64). */
    public static MailEntity body(String text, MessagePart attachment) {
        if (attachment == null) {
            return MailEntities.text(text);
        }
        return MailEntities.multipart("mixed", List.of(MailEntities.text(text),
                MailEntities.leaf(attachment, TransferEncoding.BASE64)), Map.of());
    }

    /** An MM3 (Internet mail) alert. */
    public static MailMessage mm3(MailAddress from, List<MailAddress> to, String subject, ZonedDateTime date,
                                  String messageId, String text, MessagePart attachment) {
        List<HeaderField> f = new ArrayList<>();
        f.add(HeaderField.of("From", from.toHeaderText()));
        f.add(HeaderField.of("To", to.stream().map(MailAddress::toHeaderText).collect(Collectors.joining(", "))));
        f.add(HeaderField.of("Subject", HeaderText.encode(subject, "Subject")));
        f.add(HeaderField.of("Date", HeaderText.formatDate(date)));
        f.add(HeaderField.of("Message-ID", "<" + messageId + ">"));
        f.add(HeaderField.of("MIME-Version", "1.0"));
        return new MailMessage(MailEntities.withLeadingHeaders(body(text, attachment), f));
    }

    /** An MM4_forward.REQ alert; {@code headers} must be of type FORWARD_REQ. */
    public static MailMessage mm4(Mm4Message headers, String text, MessagePart attachment) {
        if (headers.type() != Mm4MessageType.FORWARD_REQ) {
            throw new IllegalArgumentException("an MM4 alert is an MM4_forward.REQ, not " + headers.type().token());
        }
        return Mm4Writer.toMail(headers, body(text, attachment));
    }
}
