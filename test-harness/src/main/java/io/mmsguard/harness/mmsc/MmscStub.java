package io.mmsguard.harness.mmsc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.testkit.smtp.SmtpStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MMSC the gateways forward to and the notifier delivers to, on loopback, accepting everything and recording
 * every request and mail with its transaction id and a SHA-256 of its body:
 * <ul>
 * <li>HTTP {@code /mms}: an m-send.req gets m-send.conf Ok (0x80) with its transaction id;</li>
 * <li>HTTP {@code /mm7}: a SubmitReq gets SubmitRsp 1000;</li>
 * <li>HTTP {@code /notices}: the notifier's alert m-send.req, answered like {@code /mms};</li>
 * <li>SMTP (test-kit's {@link SmtpStub}), one listener for MM3 and one for MM4: {@code 250} for every mail.</li>
 * </ul>
 * Anything it cannot decode is answered HTTP 400 (and recorded with a null transaction id), so a gateway bug shows
 * up at the client rather than as a hang. Thread-safe; nothing is ever forgotten until {@link #close()}.
 */
public final class MmscStub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MmscStub.class);
    private static final String MMS_CONTENT_TYPE = "application/vnd.wap.mms-message";

    private final HttpServer http;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "mmsc-stub-http");
        t.setDaemon(true);
        return t;
    });
    private final SmtpStub mm3;
    private final SmtpStub mm4;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> forwardedById = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private final Map<String, CompletableFuture<Delivery>> waiters = new ConcurrentHashMap<>();

    private MmscStub(HttpServer http, SmtpStub mm3, SmtpStub mm4) {
        this.http = http;
        this.mm3 = mm3;
        this.mm4 = mm4;
    }

    /** Starts the HTTP and both SMTP listeners on free loopback ports. */
    public static MmscStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        MmscStub[] self = new MmscStub[1];
        SmtpStub mm3 = new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> self[0].onMail(Delivery.Channel.MM3, tx));
        SmtpStub mm4;
        try {
            mm4 = new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> self[0].onMail(Delivery.Channel.MM4, tx));
        } catch (IOException | RuntimeException e) {
            mm3.close();
            throw e;
        }
        MmscStub stub = new MmscStub(server, mm3, mm4);
        self[0] = stub;
        server.setExecutor(stub.httpThreads);
        server.createContext("/mms", ex -> stub.serve(ex, Delivery.Channel.MM1));
        server.createContext("/mm7", ex -> stub.serve(ex, Delivery.Channel.MM7));
        server.createContext("/notices", ex -> stub.serve(ex, Delivery.Channel.NOTICES));
        server.start();
        LOG.info("MMSC stub: HTTP {}, MM3 SMTP {}, MM4 SMTP {}", stub.httpBase(), stub.mm3Address(),
                stub.mm4Address());
        return stub;
    }

    /** The MM1 upstream URL ({@code mm1.upstream}). */
    public URI mm1Uri() {
        return URI.create(httpBase() + "/mms");
    }

    /** The MM7 upstream URL ({@code mm7.upstream}). */
    public URI mm7Uri() {
        return URI.create(httpBase() + "/mm7");
    }

    /** Where a profile's notification delivery ({@code mmscUrl}, method MM1) sends the notifier's notices. */
    public URI noticesUri() {
        return URI.create(httpBase() + "/notices");
    }

    /** {@code 127.0.0.1:port} for {@code mm3.upstream}. */
    public String mm3Address() {
        return "127.0.0.1:" + mm3.port();
    }

    /** {@code 127.0.0.1:port} for {@code mm4.upstream} (the gateway's MM4_forward.RES come here too). */
    public String mm4Address() {
        return "127.0.0.1:" + mm4.port();
    }

    private String httpBase() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Every delivery so far, in arrival order. */
    public List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    /** How often a subscriber's message with this transaction id was handed on (MM1, MM3, MM4, MM7; not notices). */
    public long countOf(String transactionId) {
        AtomicLong n = forwardedById.get(transactionId);
        return n == null ? 0 : n.get();
    }

    /** The deliveries with this transaction id, of every type (an MM4_forward.RES included). */
    public List<Delivery> withTransactionId(String transactionId) {
        return deliveries.stream().filter(d -> transactionId.equals(d.transactionId())).toList();
    }

    /** The notifier's notices received so far. */
    public List<Delivery> notices() {
        return deliveries.stream().filter(d -> d.channel() == Delivery.Channel.NOTICES).toList();
    }

    /**
     * The first delivery with this transaction id (of any type), already received or yet to come; for an MM4
     * request, whether the request itself or the gateway's MM4_forward.RES arrives first tells pass from block.
     * Callers bound the wait ({@code orTimeout}); the waiter is dropped when the future completes either way.
     */
    public CompletableFuture<Delivery> awaitTransaction(String transactionId) {
        CompletableFuture<Delivery> f = waiters.computeIfAbsent(transactionId, id -> new CompletableFuture<>());
        f.whenComplete((d, e) -> waiters.remove(transactionId, f));
        // Registered before the look at what arrived, so a delivery recorded meanwhile is seen one way or the other.
        deliveries.stream().filter(d -> transactionId.equals(d.transactionId())).findFirst().ifPresent(f::complete);
        return f;
    }

    private void record(Delivery d) {
        deliveries.add(d);
        if (d.transactionId() != null) {
            if (d.isForwardedMessage()) {
                forwardedById.computeIfAbsent(d.transactionId(), k -> new AtomicLong()).incrementAndGet();
            }
            CompletableFuture<Delivery> waiter = waiters.get(d.transactionId());
            if (waiter != null) {
                waiter.complete(d);
            }
        }
    }

    private String onMail(Delivery.Channel channel, SmtpStub.Received tx) {
        String type;
        String id;
        try {
            Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(tx.data()));
            if (read instanceof Mm4ReadResult.Valid v) {
                type = v.message().type().token();
                id = v.message().transactionId();
            } else if (read instanceof Mm4ReadResult.Invalid i) {
                type = i.type() == null ? "MM4_unknown" : i.type().token();
                id = i.transactionIdAsWritten();
            } else {
                type = "mail";
                String messageId = read.mail().messageId();
                id = messageId == null ? null : messageId.replaceAll("^<|>$", "");
            }
        } catch (RuntimeException e) {
            LOG.warn("MMSC stub: unreadable mail on {}: {}", channel, e.toString());
            type = "unreadable";
            id = null;
        }
        record(new Delivery(channel, type, id, sha256(tx.data()), Instant.now()));
        return "250 2.0.0 queued";
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private void serve(HttpExchange ex, Delivery.Channel channel) throws IOException {
        Answer answer;
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!"POST".equals(ex.getRequestMethod())) {
                answer = new Answer(405, "text/plain", "only POST\n".getBytes(StandardCharsets.UTF_8));
            } else {
                answer = channel == Delivery.Channel.MM7 ? mm7(body, ex.getRequestHeaders().getFirst("Content-Type"))
                        : mm1(channel, body);
            }
            ex.getResponseHeaders().set("Content-Type", answer.contentType());
            ex.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer mm1(Delivery.Channel channel, byte[] body) {
        MmsPdu request;
        try {
            request = new Mm1Decoder().decode(body);
        } catch (RuntimeException e) {
            return unreadable(channel, body, e);
        }
        String type = request.messageType() == null ? "unknown" : request.messageType().token();
        record(new Delivery(channel, type, request.transactionId(), sha256(body), Instant.now()));
        return new Answer(200, MMS_CONTENT_TYPE, Mm1Encoder.encode(MmsPdus.sendConf(request.transactionId(),
                MmsPdus.MMS_1_2, StatusCodes.OK, (String) null, nextMessageId())));
    }

    private Answer mm7(byte[] body, String contentType) {
        Mm7Message request;
        try {
            request = new Mm7Decoder().decode(body, contentType);
        } catch (RuntimeException e) {
            return unreadable(Delivery.Channel.MM7, body, e);
        }
        record(new Delivery(Delivery.Channel.MM7, request.operation().elementName(), request.transactionId(),
                sha256(body), Instant.now()));
        Mm7HttpMessage rsp = new Mm7Encoder().encode(Mm7Responses.submitRsp(request, Mm7StatusCode.SUCCESS,
                nextMessageId()));
        return new Answer(200, rsp.contentType(), rsp.body());
    }

    private Answer unreadable(Delivery.Channel channel, byte[] body, RuntimeException e) {
        LOG.warn("MMSC stub: unreadable request on {}: {}", channel, e.toString());
        record(new Delivery(channel, "unreadable", null, sha256(body), Instant.now()));
        return new Answer(400, "text/plain", "unreadable request\n".getBytes(StandardCharsets.UTF_8));
    }

    private String nextMessageId() {
        return "stub-" + messageIds.incrementAndGet();
    }

    /** Hex SHA-256, the digest {@link Delivery#sha256()} and the load driver's records use. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        mm3.close();
        mm4.close();
    }
}
