package io.mmsguard.harness.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.harness.mmsc.Delivery;
import io.mmsguard.harness.mmsc.MmscStub;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link LoadPlan}s to the gateways' listeners (round robin over the gateways, loopback only) and records
 * every answer per transaction id with its {@link AnswerKind}. Bounded: at most {@code maxInFlight} messages wait
 * for an answer at a time, each at most {@code answerTimeout} (then NO_ANSWER), and nothing is sent after the
 * plan's {@code maxDuration}. MM4 answers {@code 250} for a pass and for a block alike; the driver tells them apart
 * by what reaches the {@link MmscStub} first: the request (OK) or the gateway's MM4_forward.RES (BLOCKED).
 */
public final class LoadDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);
    private static final String MM1_CONTENT_TYPE = "application/vnd.wap.mms-message";

    private final List<Endpoints> gateways;
    private final MmscStub mmsc;
    private final Duration answerTimeout;
    private final int maxInFlight;
    private final HttpClient http;
    private final ExecutorService smtpThreads;
    private final Map<InetSocketAddress, SmtpClient> smtp = new HashMap<>();

    /**
     * @param gateways      where to send, in turn
     * @param mmsc          the stub the gateways forward to (for the MM4 verdicts)
     * @param answerTimeout how long one message may wait for its answer
     * @param maxInFlight   messages waiting for an answer at most
     */
    public LoadDriver(List<Endpoints> gateways, MmscStub mmsc, Duration answerTimeout, int maxInFlight) {
        if (gateways.isEmpty() || maxInFlight < 1) {
            throw new IllegalArgumentException("need a gateway and maxInFlight >= 1");
        }
        this.gateways = List.copyOf(gateways);
        this.mmsc = Objects.requireNonNull(mmsc, "mmsc");
        this.answerTimeout = answerTimeout;
        this.maxInFlight = maxInFlight;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.smtpThreads = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "load-driver-smtp");
            t.setDaemon(true);
            return t;
        });
        for (Endpoints e : this.gateways) {
            smtp.put(e.mm3(), smtpClient(e.mm3(), Traffic.MAIL_DOMAIN));
            smtp.put(e.mm4(), smtpClient(e.mm4(), Traffic.PEER_DOMAIN));
        }
    }

    private SmtpClient smtpClient(InetSocketAddress target, String ehlo) {
        return new SmtpClient(target, ehlo, Duration.ofSeconds(5), answerTimeout, smtpThreads);
    }

    /** Sends the whole plan and returns once every message sent has its answer (or was given up). */
    public Answers run(LoadPlan plan) {
        return run(plan, soFar -> false);
    }

    /**
     * Sends the plan until {@code stopSending}, asked before each message with the answers so far, says so (or the
     * plan ends), and returns once every message sent has its answer: a run as long as a fault scenario needs.
     */
    public Answers run(LoadPlan plan, Predicate<Answers> stopSending) {
        Answers answers = new Answers();
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        List<Message> messages = plan.messages();
        long t0 = System.nanoTime();
        long stopAt = t0 + plan.maxDuration().toNanos();
        int sent = 0;
        try {
            for (Message m : messages) {
                if (plan.ratePerSecond() > 0) {
                    sleepUntil(t0 + (long) (sent * 1e9 / plan.ratePerSecond()));
                }
                long now = System.nanoTime();
                if (stopSending.test(answers) || now >= stopAt
                        || !inFlight.tryAcquire(stopAt - now, TimeUnit.NANOSECONDS)) {
                    break;
                }
                CompletableFuture<Answer> f = send(m, gateways.get(sent % gateways.size()));
                f.whenComplete((a, e) -> {
                    answers.add(a);
                    inFlight.release();
                });
                pending.add(f);
                sent++;
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(answerTimeout.toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after sending " + sent + " messages", e);
        } catch (Exception e) {
            throw new IllegalStateException("answers of run " + plan.runId() + " not all in: " + answers, e);
        }
        LOG.info("run {}: {} of {} messages sent in {} ms: {}", plan.runId(), sent, messages.size(),
                (System.nanoTime() - t0) / 1_000_000, answers.counts());
        return answers;
    }

    /** Sends one message to one gateway; the future always completes, within the answer timeout, never failing. */
    public CompletableFuture<Answer> send(Message m, Endpoints target) {
        Traffic.Wire wire = Traffic.wire(m);
        String digest = MmscStub.sha256(wire.body());
        Instant sentAt = Instant.now();
        long t0 = System.nanoTime();
        CompletableFuture<Verdict> verdict;
        try {
            verdict = switch (m.iface()) {
                case MM1 -> post(target.mm1(), wire, Map.of("x-up-calling-line-id", m.sender()))
                        .thenApply(LoadDriver::mm1);
                case MM7 -> post(target.mm7(), wire, Map.of("SOAPAction", "\"\"")).thenApply(LoadDriver::mm7);
                case MM3 -> smtp.get(target.mm3()).send(wire.mailFrom(), List.of(wire.rcptTo()), wire.body())
                        .thenApply(LoadDriver::smtp);
                case MM4 -> mm4(m, target, wire);
            };
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        return verdict.orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(LoadDriver::failure)
                .thenApply(v -> new Answer(m, digest, v.kind(), v.detail(), sentAt,
                        Duration.ofNanos(v.answeredAt() - t0), target));
    }

    /** @param answeredAt {@link System#nanoTime()} when the client had its answer */
    private record Verdict(AnswerKind kind, String detail, long answeredAt) {
        Verdict(AnswerKind kind, String detail) {
            this(kind, detail, System.nanoTime());
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> post(URI uri, Traffic.Wire wire, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(answerTimeout)
                .header("Content-Type", wire.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body()));
        headers.forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Verdict mm1(HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            return new Verdict(AnswerKind.ERROR, "HTTP " + r.statusCode());
        }
        MmsPdu conf = new Mm1Decoder().decode(r.body());
        Integer status = conf.responseStatus();
        if (status == null) {
            return new Verdict(AnswerKind.ERROR, "m-send.conf without X-Mms-Response-Status");
        }
        String detail = String.format("m-send.conf 0x%02X", status);
        if (status == 0x80) {
            return new Verdict(AnswerKind.OK, detail);
        }
        // OMA MMS ENC 7.3.48: 0xC0-0xDF transient; of MMS 1.0's codes only 0x86 network problem is transient.
        if (status >= 0xC0 && status <= 0xDF || status == 0x86) {
            return new Verdict(AnswerKind.TEMPORARY_FAILURE, detail);
        }
        return new Verdict(status >= 0xE0 || status >= 0x81 && status <= 0x88 ? AnswerKind.BLOCKED : AnswerKind.ERROR,
                detail);
    }

    private static Verdict mm7(HttpResponse<byte[]> r) {
        Mm7Message rsp;
        try {
            rsp = new Mm7Decoder().decode(r.body(), r.headers().firstValue("Content-Type").orElse(null));
        } catch (RuntimeException e) {
            return new Verdict(AnswerKind.ERROR, "HTTP " + r.statusCode() + ", not MM7: " + e.getMessage());
        }
        if (rsp.fault() != null || rsp.status() == null) {
            return new Verdict(AnswerKind.ERROR, "HTTP " + r.statusCode() + ", SOAP fault "
                    + (rsp.fault() == null ? "" : rsp.fault().faultString()));
        }
        int code = rsp.status().code();
        String detail = "SubmitRsp " + code;
        if (code == Mm7StatusCode.SUCCESS.code()) {
            return new Verdict(AnswerKind.OK, detail);
        }
        return new Verdict(code == Mm7StatusCode.SERVICE_UNAVAILABLE.code() ? AnswerKind.TEMPORARY_FAILURE
                : AnswerKind.BLOCKED, detail);
    }

    private static Verdict smtp(SmtpReply reply) {
        String detail = "SMTP " + reply.code() + (reply.enhanced() == null ? "" : " " + reply.enhanced());
        if (reply.code() / 100 == 2) {
            return new Verdict(AnswerKind.OK, detail);
        }
        if (reply.code() / 100 == 5) {
            return new Verdict(AnswerKind.BLOCKED, detail);
        }
        // SmtpClient's own replies when the dialogue failed: 4.4.1 no connection, 4.4.2 timed out or lost.
        if ("4.4.1".equals(reply.enhanced())) {
            return new Verdict(AnswerKind.UNREACHABLE, detail);
        }
        if ("4.4.2".equals(reply.enhanced())) {
            boolean timedOut = reply.lines().stream().anyMatch(l -> l.contains("timed out"));
            return new Verdict(timedOut ? AnswerKind.NO_ANSWER : AnswerKind.UNREACHABLE,
                    detail + " " + String.join(" ", reply.lines()));
        }
        return new Verdict(AnswerKind.TEMPORARY_FAILURE, detail);
    }

    private CompletableFuture<Verdict> mm4(Message m, Endpoints target, Traffic.Wire wire) {
        CompletableFuture<Delivery> seen = mmsc.awaitTransaction(m.transactionId());
        return smtp.get(target.mm4()).send(wire.mailFrom(), List.of(wire.rcptTo()), wire.body()).thenCompose(r -> {
            Verdict v = smtp(r);
            if (v.kind() != AnswerKind.OK) {
                seen.cancel(false);
                return CompletableFuture.completedFuture(v);
            }
            long answeredAt = v.answeredAt();
            return seen.orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((d, e) -> {
                if (e != null) {
                    return new Verdict(AnswerKind.ERROR, v.detail() + ", but neither the request nor an"
                            + " MM4_forward.RES reached the MMSC", answeredAt);
                }
                return Delivery.MM4_FORWARD_RES.equals(d.type())
                        ? new Verdict(AnswerKind.BLOCKED, v.detail() + " and MM4_forward.RES", answeredAt)
                        : new Verdict(AnswerKind.OK, v.detail() + " and " + d.type() + " delivered", answeredAt);
            });
        });
    }

    private static Verdict failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof TimeoutException) {
            return new Verdict(AnswerKind.NO_ANSWER, "no answer within the driver's answer timeout");
        }
        if (cause instanceof HttpTimeoutException) {
            return new Verdict(AnswerKind.NO_ANSWER, "timed out: " + cause.getMessage());
        }
        if (cause instanceof ConnectException) {
            return new Verdict(AnswerKind.UNREACHABLE, "cannot connect: " + cause.getMessage());
        }
        if (cause instanceof IOException) {
            return new Verdict(AnswerKind.UNREACHABLE, "connection lost: " + cause);
        }
        return new Verdict(AnswerKind.ERROR, cause.toString());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    @Override
    public void close() {
        smtpThreads.shutdownNow();
    }
}
