package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmsguard send mm1}: a handset's m-send.req. */
@Command(name = "mm1", mixinStandardHelpOptions = true,
        description = {"POST an m-send.req (MMS 1.2, multipart/mixed: the --text part, then the --attach file) with"
                + " Content-Type application/vnd.wap.mms-message, as a handset does, and print the m-send.conf:"
                + " status (name and hex), text and message id.",
            "",
            "Exit codes: 0 status Ok (0x80), 1 any other status or HTTP error, 2 bad usage, 3 URL unreachable."})
final class SendMm1Command extends SendBase {
    @Option(names = "--url", required = true, description = "The MM1 listener, e.g. http://127.0.0.1:18080/mms.")
    URI url;

    @Option(names = "--from", required = true, paramLabel = "MSISDN",
            description = "Sender, e.g. +4917012345678 (sent as +4917012345678/TYPE=PLMN).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "Recipient, an MSISDN or a mail address; repeat for more.")
    List<String> to;

    @Option(names = "--msisdn-header", paramLabel = "NAME=VALUE",
            description = "A header the WAP gateway would add, e.g. x-up-calling-line-id=+4917012345678; repeatable.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Override
    int send(PrintWriter out) throws Unreachable, IOException, InterruptedException {
        content.requireTextOrAttachment();
        List<MmsPart> parts = new ArrayList<>();
        if (content.text != null) {
            parts.add(Mm1Client.text(content.text));
        }
        content.attachment().ifPresent(a -> parts.add(MmsPart.of(
                ContentType.of(mediaType(a.contentType())).with("name", a.fileName()), "attachment", a.fileName(),
                a.data())));
        byte[] pdu = Mm1Client.sendReq(transactionId(),
                FromAddress.of(mmsAddress(from)), to.stream().map(SendBase::mmsAddress).toList(), content.subject,
                parts);
        Mm1Client.Answer answer = new Mm1Client(new HttpPost(timeout())).submit(url, pdu, headers);
        MmsPdu conf = answer.conf();
        if (conf == null) {
            out.printf("HTTP %d (no m-send.conf)%n", answer.httpStatus());
            return ExitCodes.REFUSED;
        }
        Integer status = conf.responseStatus();
        out.printf("Status   %s%n", status == null ? "(none)"
                : statusName(status) + String.format(" (0x%02X)", status));
        out.printf("Text     %s%n", conf.responseText() == null ? "" : conf.responseText());
        out.printf("Message  %s%n", conf.messageId() == null ? "" : conf.messageId());
        return status != null && status == StatusCodes.OK ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    /** X-Mms-Response-Status names of OMA-TS-MMS-ENC (the 0x81-0x88 ones are MMS 1.0's). */
    static String statusName(int status) {
        return switch (status) {
            case 0x80 -> "Ok";
            case 0x81 -> "Error-unspecified";
            case 0x82 -> "Error-service-denied";
            case 0x83 -> "Error-message-format-corrupt";
            case 0x84 -> "Error-sending-address-unresolved";
            case 0x85 -> "Error-message-not-found";
            case 0x86 -> "Error-network-problem";
            case 0x87 -> "Error-content-not-accepted";
            case 0x88 -> "Error-unsupported-message";
            case 0xC0 -> "Error-transient-failure";
            case 0xC1 -> "Error-transient-sending-address-unresolved";
            case 0xC2 -> "Error-transient-message-not-found";
            case 0xC3 -> "Error-transient-network-problem";
            case 0xC4 -> "Error-transient-partial-success";
            case 0xE0 -> "Error-permanent-failure";
            case 0xE1 -> "Error-permanent-service-denied";
            case 0xE2 -> "Error-permanent-message-format-corrupt";
            case 0xE3 -> "Error-permanent-sending-address-unresolved";
            case 0xE4 -> "Error-permanent-message-not-found";
            case 0xE5 -> "Error-permanent-content-not-accepted";
            case 0xE6 -> "Error-permanent-reply-charging-limitations-not-met";
            case 0xE7 -> "Error-permanent-reply-charging-request-not-accepted";
            case 0xE8 -> "Error-permanent-reply-charging-forwarding-denied";
            case 0xE9 -> "Error-permanent-reply-charging-not-supported";
            case 0xEA -> "Error-permanent-address-hiding-not-supported";
            case 0xEB -> "Error-permanent-lacking-prepaid";
            default -> "unknown";
        };
    }
}
