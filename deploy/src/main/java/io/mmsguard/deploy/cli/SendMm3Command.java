package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm4.AlertMails;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmsguard send mm3}: an Internet mail. */
@Command(name = "mm3", mixinStandardHelpOptions = true,
        description = {"Send an RFC 5322 mail (the --text, plus the --attach file as base64 in multipart/mixed) over"
                + " SMTP, as an Internet mail server does towards the MM3 listener, and print the final SMTP reply.",
            "",
            "Exit codes: 0 a 2xx reply, 1 a 4xx/5xx reply, 2 bad usage, 3 SMTP listener unreachable."})
final class SendMm3Command extends SendBase {
    @Option(names = "--smtp", required = true, paramLabel = "HOST:PORT", description = "The SMTP listener.")
    String smtp;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "Sender (MAIL FROM and From).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "Recipient (RCPT TO and To); repeat for more.")
    List<String> to;

    @Override
    int send(PrintWriter out) throws Unreachable {
        MessagePart attachment = MailParts.attachment(content);
        byte[] mail = MailWriter.write(AlertMails.mm3(MailAddress.of(from), to.stream().map(MailAddress::of).toList(),
                content.subject == null ? "" : content.subject, ZonedDateTime.now(ZoneOffset.UTC),
                MailParts.messageId(transactionId(), from), content.text == null ? "" : content.text,
                attachment));
        return SmtpSend.send(out, smtp, from, to, mail, timeout());
    }
}
