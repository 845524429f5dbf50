package io.mmsguard.notifier.delivery;

import com.sun.net.httpserver.HttpServer;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A JDK HttpServer MMSC on 127.0.0.1:0; each path answers per request number (1-based) what its script says. */
public final class StubMmsc implements AutoCloseable {

    /** What to answer: an HTTP status and, for 200, an m-send.conf Response-Status. */
    public record Answer(int http, int responseStatus) {
        public static Answer ok() {
            return new Answer(200, StatusCodes.OK);
        }
    }

    public record Received(String path, String contentType, String authorization, byte[] body) {
        public MmsPdu decoded() {
            return new Mm1Decoder().decode(body);
        }

        /** The text of the first part. */
        public String text() {
            return new String(decoded().multipart().get(0).data(), StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public StubMmsc() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    public StubMmsc path(String path, IntFunction<Answer> script) {
        server.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received r = new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            received.add(r);
            int n = (int) received.stream().filter(x -> x.path().equals(path)).count();
            Answer a = script.apply(n);
            byte[] out = a.http() == 200 ? Mm1Encoder.encode(MmsPdus.sendConf(
                    r.decoded().transactionId(), MmsPdus.MMS_1_2, a.responseStatus(), (String) null,
                    a.responseStatus() == StatusCodes.OK ? "msg-" + n : null)) : new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.wap.mms-message");
            exchange.sendResponseHeaders(a.http(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
