package io.mmsguard.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's upstream MMSC on loopback: accepts every m-send.req on MM1 with an m-send.req Ok
 * (Response-Status 0x80) and a message id, and remembers the transaction ids it accepted, so the demo can show
 * which messages reached it. Not an MMSC: it stores and delivers nothing.
 */
final class DemoMmsc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMmsc.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-mmsc");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    DemoMmsc(int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/mms", this::handle);
        server.start();
    }

    URI mm1Uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mms");
    }

    boolean received(String transactionId) {
        return accepted.contains(transactionId);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        int status = 200;
        byte[] answer;
        try {
            MmsPdu request = new Mm1Decoder().decode(body);
            accepted.add(request.transactionId());
            answer = Mm1Encoder.encode(MmsPdus.sendConf(request.transactionId(), MmsPdus.MMS_1_2, 0x80,
                    (String) null, "demo-" + accepted.size()));
        } catch (MalformedMessageException e) {
            LOG.warn("demo MMSC: unreadable PDU: {}", e.getMessage());
            status = 400;
            answer = new byte[0];
        }
        ex.getResponseHeaders().set("Content-Type", "application/vnd.wap.mms-message");
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
