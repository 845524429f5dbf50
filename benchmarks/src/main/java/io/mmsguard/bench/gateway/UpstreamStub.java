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

/** An MMSC that accepts every m-send.req with an m-send.conf Ok (0x80), echoing the transaction id. */
final class UpstreamStub implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong accepted = new AtomicLong();

    UpstreamStub() throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add about 40 ms to every answer, which would measure the stub instead of the gateway.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mms");
    }

    long accepted() {
        return accepted.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        MmsPdu req = new Mm1Decoder().decode(body);
        byte[] conf = Mm1Encoder.encode(MmsPdus.sendConf(req.transactionId(), MmsPdus.MMS_1_2, 0x80, (String) null,
                "msg-" + accepted.incrementAndGet()));
        ex.getResponseHeaders().set("Content-Type", "application/vnd.wap.mms-message");
        ex.sendResponseHeaders(200, conf.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(conf);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
