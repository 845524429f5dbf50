package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm4.AlertMails;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.notifier.NoticeComposer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmsguard send mm4}: a peer MMSC's MM4_forward.REQ. */
@Command(name = "mm4", mixinStandardHelpOptions = true,
        description = {"Send an MM4_forward.REQ (X-Mms-* headers, X-Mms-Ack-Request: No, the --text plus the"
                + " --attach file) over SMTP, as a peer MMSC does towards the MM4 listener, and print the final SMTP"
                + " reply. From and To are used as given in the envelope and the headers.",
            "",
            "Exit codes: 0 a 2xx reply, 1 a 4xx/5xx reply, 2 bad usage, 3 SMTP listener unreachable."})
final class SendMm4Command extends SendBase {
    @Option(names = "--smtp", required = true, paramLabel = "HOST:PORT", description = "The SMTP listener.")
    String smtp;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS",
            description = "Sender, e.g. +4917012345678/TYPE=PLMN@mms.example.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "Recipient, e.g. +4917087654321/TYPE=PLMN@mms.peer.example; repeat for more.")
    List<String> to;

    @Option(names = "--originator-system", required = true, paramLabel = "ADDRESS",
            description = "X-Mms-Originator-System, e.g. system@mms.example (where an MM4_forward.RES would go).")
    String originatorSystem;

    @Option(names = "--mms-version", defaultValue = NoticeComposer.MM4_VERSION,
            description = "X-Mms-3GPP-MMS-Version (default: ${DEFAULT-VALUE}).")
    String mmsVersion;

    @Override
    int send(PrintWriter out) throws Unreachable {
        String tid = transactionId();
        String messageId = MailParts.messageId(tid, originatorSystem);
        Mm4Message headers = Mm4Message.builder(Mm4MessageType.FORWARD_REQ)
                .mmsVersion(mmsVersion)
                .transactionId(tid)
                .messageId(messageId)
                .originatorSystem(originatorSystem)
                .ackRequest(false)
                .from(MailAddress.of(from))
                .to(to.stream().map(MailAddress::of).toList())
                .subject(content.subject)
                .date(ZonedDateTime.now(ZoneOffset.UTC))
                .mailMessageId(messageId)
                .build();
        byte[] mail = MailWriter.write(AlertMails.mm4(headers, content.text == null ? "" : content.text,
                MailParts.attachment(content)));
        return SmtpSend.send(out, smtp, from, to, mail, timeout());
    }
}
