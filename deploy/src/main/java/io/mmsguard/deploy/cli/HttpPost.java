package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;

import io.mmsguard.service.log.UserInfo;

/** One HTTP/1.1 POST with a byte body, telling "could not connect" apart from every other failure. */
public final class HttpPost {
    private final HttpClient http;
    private final Duration timeout;

    public HttpPost(Duration timeout) {
        // MMSCs and VASP gateways speak HTTP/1.1; an h2c upgrade attempt only confuses some of them.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /**
     * @throws Unreachable when no connection could be made (refused, unresolvable host, connect timeout)
     * @throws IOException when the connection broke or the answer did not come within the timeout
     */
    public HttpResponse<byte[]> post(URI url, String contentType, byte[] body, Map<String, String> headers)
            throws Unreachable, IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Unreachable("cannot connect to " + UserInfo.mask(url) + ": " + reason(e));
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                throw new Unreachable("cannot resolve the host of " + UserInfo.mask(url));
            }
            throw e;
        }
    }

    /** The first message in the cause chain; the JDK client often throws without one. */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof HttpConnectTimeoutException ? "connect timed out" : "connection refused";
    }
}
