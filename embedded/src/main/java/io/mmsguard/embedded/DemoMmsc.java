package io.mmsguard.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.testkit.smtp.SmtpStub;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's upstream MMSC on loopback. It accepts everything and remembers what reached it, so the demo
 * can show which messages were forwarded:
 * <ul>
 *   <li>MM1 ({@code /mms}): every m-send.req gets an m-send.conf Ok (0x80) with a message id;</li>
 *   <li>MM7 ({@code /mm7}): every SubmitReq gets a SubmitRsp 1000;</li>
 *   <li>notices ({@code /notices}): the notifier's alert m-send.req, kept with recipient, subject and text;</li>
 *   <li>SMTP (one listener for MM3 and MM4): relayed mail, MM4_forward.REQ and the gateway's MM4_forward.RES.</li>
 * </ul>
 * Not an MMSC: it stores and delivers nothing.
 */
final class DemoMmsc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMmsc.class);

    /** An alert the notifier posted: its recipient (To), subject and text. */
    record Notice(String to, String subject, String text) {
    }

    private final HttpServer server;
    private final SmtpStub smtp;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-mmsc");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<Notice> notices = new CopyOnWriteArrayList<>();

    DemoMmsc(int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/mms", ex -> answer(ex, this::mm1));
        server.createContext("/mm7", ex -> answer(ex, this::mm7));
        server.createContext("/notices", ex -> answer(ex, this::notice));
        server.start();
        try {
            smtp = SmtpStub.accepting();
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            throw e;
        }
    }

    URI mm1Uri() {
        return uri("/mms");
    }

    URI mm7Uri() {
        return uri("/mm7");
    }

    URI noticesUri() {
        return uri("/notices");
    }

    /** {@code 127.0.0.1:port} of the SMTP listener that MM3 and MM4 relay to. */
    String smtpAddress() {
        return "127.0.0.1:" + smtp.port();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Whether an MM1 or MM7 request with this transaction id reached the MMSC. */
    boolean received(String transactionId) {
        return accepted.contains(transactionId);
    }

    /** The mails (MM3, MM4) received so far whose data contains {@code marker}. */
    List<SmtpStub.Received> mails(String marker) {
        return smtp.received().stream().filter(r -> r.text().contains(marker)).toList();
    }

    /** The value of header {@code name} in a received mail, unquoted. */
    static Optional<String> header(SmtpStub.Received mail, String name) {
        for (String line : mail.text().split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return Optional.of(line.substring(name.length() + 1).trim().replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    List<Notice> notices() {
        return List.copyOf(notices);
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private void answer(HttpExchange ex, BiFunction<byte[], String, Answer> handler) throws IOException {
        Answer a;
        try {
            a = handler.apply(ex.getRequestBody().readAllBytes(), ex.getRequestHeaders().getFirst("Content-Type"));
        } catch (MalformedMessageException | UncheckedIOException e) {
            LOG.warn("demo MMSC: unreadable request on {}: {}", ex.getRequestURI(), e.getMessage());
            a = new Answer(400, "text/plain", new byte[0]);
        }
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(a.body());
        }
    }

    private Answer mm1(byte[] body, String contentType) {
        MmsPdu request = new Mm1Decoder().decode(body);
        accepted.add(request.transactionId());
        return sendConf(request);
    }

    private Answer notice(byte[] body, String contentType) {
        MmsPdu request = new Mm1Decoder().decode(body);
        String text = request.parts().isEmpty() ? ""
                : new String(request.parts().get(0).content(), StandardCharsets.UTF_8);
        notices.add(new Notice(String.join(",", request.to()), request.subject(), text));
        return sendConf(request);
    }

    private Answer sendConf(MmsPdu request) {
        return new Answer(200, "application/vnd.wap.mms-message", Mm1Encoder.encode(MmsPdus.sendConf(
                request.transactionId(), MmsPdus.MMS_1_2, 0x80, (String) null, "demo-" + accepted.size())));
    }

    private Answer mm7(byte[] body, String contentType) {
        Mm7Message request = new Mm7Decoder().decode(body, contentType);
        accepted.add(request.transactionId());
        Mm7HttpMessage rsp = new Mm7Encoder().encode(Mm7Responses.submitRsp(request, Mm7StatusCode.SUCCESS,
                "demo-" + accepted.size()));
        return new Answer(200, rsp.contentType(), rsp.body());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        smtp.close();
    }
}
