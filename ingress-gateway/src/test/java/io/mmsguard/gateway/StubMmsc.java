package io.mmsguard.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An upstream MMSC (or VASP) on loopback for the gateway tests: records every request it receives, per path prefix,
 * and answers with what the test's responder returns (default 200, empty).
 */
public final class StubMmsc implements AutoCloseable {

    public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    public record Response(int status, String contentType, byte[] body) {
    }

    /**
     * A responder that reads the whole request and hangs up without answering (the JDK server closes the connection
     * when a handler throws): an upstream that may have accepted the message but never says so.
     */
    public static final Function<Request, Response> HANG_UP = r -> {
        throw new IllegalStateException("stub MMSC hangs up without answering");
    };

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Request, Response>> responders = new ConcurrentHashMap<>();
    private final java.util.Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

    private StubMmsc(HttpServer server) {
        this.server = server;
    }

    public static StubMmsc start() throws IOException {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        StubMmsc stub = new StubMmsc(server);
        server.setExecutor(stub.executor);
        server.createContext("/", stub::handle);
        server.start();
        return stub;
    }

    /** Answers requests whose path starts with {@code prefix} (the longest matching prefix wins). */
    public StubMmsc respond(String prefix, Function<Request, Response> responder) {
        responders.put(prefix, responder);
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request received so far, in arrival order. */
    public List<Request> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many client connections (remote address and port) have sent requests so far. */
    public int connections() {
        return connections.size();
    }

    public void clear() {
        received.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI(), Map.copyOf(ex.getRequestHeaders()),
                ex.getRequestBody().readAllBytes());
        connections.add(ex.getRemoteAddress());
        received.add(request);
        String path = ex.getRequestURI().getPath();
        Function<Request, Response> responder = responders.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue).orElse(r -> new Response(200, "text/plain", new byte[0]));
        Response response = responder.apply(request);
        if (response.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", response.contentType());
        }
        ex.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
