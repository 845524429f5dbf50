package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.codec.mm7.Mm7StatusCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmsguard send mm7}: a VASP's SubmitReq. */
@Command(name = "mm7", mixinStandardHelpOptions = true,
        description = {"POST an MM7 SubmitReq (namespace REL-6-MM7-1-4; SOAP with the content as multipart/related)"
                + " as a VASP does, and print StatusCode, StatusText and MessageID of the SubmitRsp, or the SOAP"
                + " fault.",
            "",
            "Exit codes: 0 StatusCode 1000, 1 any other code, a fault or an unreadable answer, 2 bad usage,"
                + " 3 URL unreachable."})
final class SendMm7Command extends SendBase {
    @Option(names = "--url", required = true, description = "The MM7 listener, e.g. http://127.0.0.1:8081/mm7.")
    URI url;

    @Option(names = "--vasp-id", required = true, description = "VASPID.")
    String vaspId;

    @Option(names = "--vas-id", description = "VASID.")
    String vasId;

    /** Where the password is read when --password-file is not given. */
    static final String PASSWORD_VARIABLE = "MMSGUARD_MM7_PASSWORD";

    @Option(names = "--user", description = "HTTP Basic user; its password comes from --password-file or "
            + PASSWORD_VARIABLE + ".")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the HTTP Basic password (default: the variable " + PASSWORD_VARIABLE + ").")
    Path passwordFile;

    /** Refused: a password on the command line is in every user's process list. */
    @Option(names = "--password", hidden = true)
    String passwordOnCommandLine;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "Recipient: a number, or a mail address when it contains @; repeat for more.")
    List<String> to;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "SenderAddress (number, or mail address).")
    String from;

    @Override
    int send(PrintWriter out) throws Unreachable, IOException, InterruptedException {
        content.requireTextOrAttachment();
        if (passwordOnCommandLine != null) {
            throw new IllegalArgumentException("--password is not accepted: the process list shows it to every user;"
                    + " use --password-file FILE or " + PASSWORD_VARIABLE);
        }
        Optional<String> password = CliSecret.read(passwordFile, "--password-file", PASSWORD_VARIABLE,
                System.getenv());
        if (user == null && passwordFile != null) {
            throw new IllegalArgumentException("--password-file needs --user");
        }
        if (user != null && password.isEmpty()) {
            throw new IllegalArgumentException("--user needs a password: --password-file FILE or "
                    + PASSWORD_VARIABLE);
        }
        Mm7HttpMessage request = new Mm7Encoder().encode(submitReq());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("SOAPAction", "\"\"");
        if (user != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> r = new HttpPost(timeout()).post(url, request.contentType(), request.body(), headers);
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        Mm7Message answer;
        try {
            answer = new Mm7Decoder().decode(r.body(), contentType);
        } catch (RuntimeException e) {
            out.printf("HTTP %d, not an MM7 answer: %s%n", r.statusCode(), e.getMessage());
            return ExitCodes.REFUSED;
        }
        if (answer.fault() != null) {
            out.printf("Fault       %s %s%n", answer.fault().faultCode(), answer.fault().faultString());
        }
        if (answer.status() != null) {
            out.printf("StatusCode  %d%n", answer.status().code());
            out.printf("StatusText  %s%n", answer.status().text() == null ? "" : answer.status().text());
        }
        out.printf("MessageID   %s%n", answer.messageId() == null ? "" : answer.messageId());
        return answer.fault() == null && answer.status() != null
                && answer.status().code() == Mm7StatusCode.SUCCESS.code() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private Mm7Message submitReq() {
        List<MessagePart> parts = new ArrayList<>();
        if (content.text != null) {
            parts.add(new MessagePart("text/plain", "utf-8", null, "text", null,
                    content.text.getBytes(StandardCharsets.UTF_8)));
        }
        content.attachment().ifPresent(a -> parts.add(new MessagePart(mediaType(a.contentType()), null, a.fileName(),
                "attachment", a.fileName(), a.data())));
        // One part is referenced directly; several travel in a multipart/mixed the encoder wraps under this cid.
        String cid = parts.size() == 1 ? parts.get(0).contentId() : "content";
        String ns = Mm7Namespace.DEFAULT;
        return Mm7Message.builder(Mm7Operation.SUBMIT_REQ, ns)
                .transactionId(transactionId())
                .mm7Version(Mm7Namespace.defaultVersion(ns))
                .vaspId(vaspId).vasId(vasId)
                .senderAddress(from == null ? null : address(from))
                .recipients(new Mm7Recipients(to.stream().map(SendMm7Command::address).toList(), List.of(), List.of()))
                .subject(content.subject)
                .content(parts)
                .contentRef(Mm7ContentRef.cid(cid))
                .build();
    }

    private static Mm7Address address(String a) {
        return a.contains("@") ? Mm7Address.rfc2822(a) : Mm7Address.number(a);
    }
}
