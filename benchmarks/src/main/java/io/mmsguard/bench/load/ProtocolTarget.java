package io.mmsguard.bench.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.bench.gateway.SmtpMmscStub;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.smtp.SmtpClient;

/**
 * The three client protocols towards one set of endpoints (the gateway's listeners or the MMSC stubs directly):
 * <ul>
 * <li>MM1: HTTP POST of the m-send.req with the MSISDN header; m-send.conf 0x80 passed, a permanent error
 *     (0xE0..0xFF, or MMS 1.0's 0x81..0x88 but 0x86 network problem; blocks answer 0x87 content not accepted by
 *     default) blocked, anything else (0xC0 transient failure: no decision in time) an error;</li>
 * <li>MM7: HTTP POST of the SubmitReq; SubmitRsp 1000 passed, 2004 (content refused), 4007 (service denied, what
 *     floods and duplicates get) and other 2xxx but 2007 blocked, anything else an error;</li>
 * <li>MM4: SMTP, one connection per message (as MMSC peers and the gateway's relay do); 250 and then what the
 *     SMTP stub receives for the transaction decides: the MM4_forward.REQ itself (passed) or the gateway's
 *     MM4_forward.RES (blocked). The client latency is the SMTP transaction's; the wait for the .RES is not in it.</li>
 * </ul>
 */
final class ProtocolTarget implements Target {
    private final URI mm1;
    private final URI mm7;
    private final InetSocketAddress mm4;
    private final SmtpMmscStub mm4Observer;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService smtpThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "load-smtp");
        t.setDaemon(true);
        return t;
    });
    private final SmtpClient smtp;

    ProtocolTarget(URI mm1, URI mm7, InetSocketAddress mm4, SmtpMmscStub mm4Observer, Duration timeout) {
        this.mm1 = mm1;
        this.mm7 = mm7;
        this.mm4 = mm4;
        this.mm4Observer = mm4Observer;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.smtp = new SmtpClient(mm4, LoadMessages.PEER_DOMAIN, Duration.ofSeconds(10), timeout, smtpThreads);
    }

    @Override
    public CompletableFuture<Outcome> send(TrafficPlan.Planned p) {
        try {
            return switch (p.iface()) {
                case MM1 -> mm1(p);
                case MM7 -> mm7(p);
                case MM4 -> mm4(p);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Outcome> mm1(TrafficPlan.Planned p) {
        HttpRequest request = HttpRequest.newBuilder(mm1).timeout(timeout)
                .header("Content-Type", "application/vnd.wap.mms-message")
                .header("x-up-calling-line-id", p.sender())
                .POST(HttpRequest.BodyPublishers.ofByteArray(LoadMessages.mm1(p))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            if (r.statusCode() != 200) {
                return Outcome.error("HTTP " + r.statusCode());
            }
            MmsPdu conf = new Mm1Decoder().decode(r.body());
            Integer status = conf.responseStatus();
            if (status != null && status == 0x80) {
                return Outcome.passed();
            }
            boolean permanent = status != null
                    && (status >= 0xE0 || status >= 0x81 && status <= 0x88 && status != 0x86);
            return permanent ? Outcome.blocked()
                    : Outcome.error(String.format("m-send.conf 0x%02X", status == null ? 0 : status));
        });
    }

    private CompletableFuture<Outcome> mm7(TrafficPlan.Planned p) {
        Mm7HttpMessage req = LoadMessages.mm7(p);
        HttpRequest request = HttpRequest.newBuilder(mm7).timeout(timeout)
                .header("Content-Type", req.contentType()).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(req.body())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            Mm7Message rsp = new Mm7Decoder().decode(r.body(), r.headers().firstValue("Content-Type").orElse(null));
            int code = rsp.status() == null ? -1 : rsp.status().code();
            if (code == 1000) {
                return Outcome.passed();
            }
            boolean blocked = code == 2004 || code == 4007 || (code >= 2000 && code < 3000 && code != 2007);
            return blocked ? Outcome.blocked() : Outcome.error("SubmitRsp " + code);
        });
    }

    private CompletableFuture<Outcome> mm4(TrafficPlan.Planned p) {
        String id = LoadMessages.id(p);
        CompletableFuture<SmtpMmscStub.Seen> seen = mm4Observer.await(id);
        byte[] data = LoadMessages.mm4(p);
        return smtp.send(LoadMessages.mm4MailFrom(p), List.of(LoadMessages.mm4Rcpt()), data).thenCompose(reply -> {
            long answered = System.nanoTime();
            if (reply.code() != 250) {
                mm4Observer.forget(id);
                return CompletableFuture.completedFuture(Outcome.error("SMTP " + reply.code()));
            }
            // The verdict is known once the stub saw the REQ (before the 250) or the .RES (sent just after it).
            return seen.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((s, e) -> {
                mm4Observer.forget(id);
                if (e != null) {
                    return Outcome.error("250 but neither the REQ nor a .RES reached the MMSC stub")
                            .answeredAt(answered);
                }
                return (s == SmtpMmscStub.Seen.FORWARD_REQ ? Outcome.passed() : Outcome.blocked())
                        .answeredAt(answered);
            });
        });
    }

    @Override
    public void close() {
        smtpThreads.shutdownNow();
    }
}
