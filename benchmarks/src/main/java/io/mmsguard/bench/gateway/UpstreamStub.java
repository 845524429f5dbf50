package io.mmsguard.bench.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

/**
 * An HTTP MMSC: every m-send.req ({@code /mms}) gets an m-send.conf Ok (0x80) echoing the transaction id, every
 * MM7 SubmitReq ({@code /mm7}) a SubmitRsp 1000.
 */
public final class UpstreamStub implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong accepted = new AtomicLong();

    public UpstreamStub() throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add about 40 ms to every answer, which would measure the stub instead of the gateway.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/mm7", this::handleMm7);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The MM1 URL. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mms");
    }

    public URI mm7Uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mm7");
    }

    /** Requests answered with success, both interfaces. */
    public long accepted() {
        return accepted.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        MmsPdu req = new Mm1Decoder().decode(body);
        byte[] conf = Mm1Encoder.encode(MmsPdus.sendConf(req.transactionId(), MmsPdus.MMS_1_2, 0x80, (String) null,
                "msg-" + accepted.incrementAndGet()));
        answer(ex, "application/vnd.wap.mms-message", conf);
    }

    private void handleMm7(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Mm7Message req = new Mm7Decoder().decode(body, ex.getRequestHeaders().getFirst("Content-Type"));
        Mm7HttpMessage rsp = new Mm7Encoder().encode(Mm7Responses.submitRsp(req, Mm7StatusCode.SUCCESS,
                "msg-" + accepted.incrementAndGet()));
        answer(ex, rsp.contentType(), rsp.body());
    }

    private static void answer(HttpExchange ex, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
