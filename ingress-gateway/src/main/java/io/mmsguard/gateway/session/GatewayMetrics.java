package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The gateway's meters (Prometheus names in parentheses are what `/metrics` shows). */
public final class GatewayMetrics {
    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void pendingGauge(Supplier<Number> pending) {
        Gauge.builder("mmsguard.gateway.sessions.pending", pending)
                .description("Sessions waiting for their decision").register(registry);
    }

    /**
     * This gateway's clock minus the brokers', from the append times of its envelopes, NaN before the first
     * (mmsguard_gateway_clock_skew_seconds); beyond gateway.max-clock-skew the gateway is not ready.
     */
    public void clockSkewGauge(ClockSkew skew) {
        Gauge.builder("mmsguard.gateway.clock.skew", skew, ClockSkew::seconds).baseUnit("seconds")
                .description("Gateway clock minus the brokers' append time, lower bound (gateway.max-clock-skew)")
                .register(registry);
    }

    /** Message bytes read from clients and not yet answered (mmsguard_gateway_pending_bytes). */
    public void pendingBytesGauge(Supplier<Number> bytes) {
        Gauge.builder("mmsguard.gateway.pending.bytes", bytes)
                .description("Bytes read from clients and not yet answered, plus reads under way (gateway.max-pending-bytes)")
                .baseUnit("bytes").register(registry);
    }

    /** The budget of buffered bytes became spent: connections stopped reading (mmsguard_gateway_pending_bytes_spent_total). */
    public void pendingBytesSpent() {
        Counter.builder("mmsguard.gateway.pending.bytes.spent")
                .description("Times gateway.max-pending-bytes was reached and connections stopped reading")
                .register(registry).increment();
    }

    /** A session started on an interface (mmsguard_gateway_sessions_total). */
    public void session(String mmsInterface) {
        Counter.builder("mmsguard.gateway.sessions").tag("interface", mmsInterface)
                .description("Sessions started").register(registry).increment();
    }

    /**
     * A peer failed to authenticate on an interface (mmsguard_gateway_auth_failures_total{interface,reason}): wrong
     * or missing credentials, a certificate that names nobody, a source outside the allow-list.
     */
    public void authFailure(String mmsInterface, String reason) {
        Counter.builder("mmsguard.gateway.auth.failures").tag("interface", mmsInterface).tag("reason", reason)
                .description("Authentication failures").register(registry).increment();
    }

    /**
     * A request answered as an authentication failure without checking its credentials, because its source address
     * and identity were backing off after failures (mmsguard_gateway_auth_backoffs_total{interface}).
     */
    public void authBackoff(String mmsInterface) {
        Counter.builder("mmsguard.gateway.auth.backoffs").tag("interface", mmsInterface)
                .description("Requests refused during an authentication back-off").register(registry).increment();
    }

    /** How a session ended (mmsguard_gateway_outcomes_total{interface,outcome,reason}). */
    public void outcome(String mmsInterface, String outcome, String reason) {
        Counter.builder("mmsguard.gateway.outcomes").tag("interface", mmsInterface).tag("outcome", outcome)
                .tag("reason", reason).description("Session outcomes: forwarded, blocked, stripped, temporary "
                        + "failure, fail-open, malformed, upstream error")
                .register(registry).increment();
    }

    /** From publishing to the decision (mmsguard_gateway_decision_latency_seconds). */
    public void decisionLatency(String mmsInterface, Duration latency) {
        Timer.builder("mmsguard.gateway.decision.latency").tag("interface", mmsInterface)
                .publishPercentileHistogram().description("Publish to decision")
                .register(registry).record(latency);
    }

    public void timeout(String mmsInterface) {
        Counter.builder("mmsguard.gateway.timeouts").tag("interface", mmsInterface)
                .description("Sessions with no decision in time").register(registry).increment();
    }

    public void lateDecision() {
        Counter.builder("mmsguard.gateway.decisions.late")
                .description("Decisions for sessions no longer waiting").register(registry).increment();
    }

    public void unreadableDecision() {
        Counter.builder("mmsguard.gateway.decisions.unreadable")
                .description("Records on the reply partitions that could not be read").register(registry).increment();
    }

    /**
     * SMTP DATA with a bare CR or LF, per listener and what was done: {@code refused} (550 5.6.0) or
     * {@code normalised} to CRLF before inspection (mmsguard_gateway_smtp_bare_newlines_total).
     */
    public void bareNewlines(String listener, String action) {
        Counter.builder("mmsguard.gateway.smtp.bare-newlines").tag("listener", listener).tag("action", action)
                .description("SMTP messages with a bare CR or LF in DATA").register(registry).increment();
    }

    /**
     * An SMTP command refused by the listener's access control, per listener and reason: {@code relaying-denied},
     * {@code not-a-peer}, {@code sender-domain}, {@code originator-system}, {@code tls-required},
     * {@code auth-without-tls} (mmsguard_gateway_smtp_refused_total{listener,reason}).
     */
    public void smtpRefused(String listener, String reason) {
        Counter.builder("mmsguard.gateway.smtp.refused").tag("listener", listener).tag("reason", reason)
                .description("SMTP commands refused by access control").register(registry).increment();
    }

    /** SMTP AUTH attempts per listener and result: {@code success} or {@code failure}. */
    public void smtpAuth(String listener, String result) {
        Counter.builder("mmsguard.gateway.smtp.auth").tag("listener", listener).tag("result", result)
                .description("SMTP AUTH attempts").register(registry).increment();
    }

    /**
     * MM4_forward.RES (and other MM4 responses) the gateway sends: {@code sent}, or {@code withheld} because the
     * address is not in the domains of the peer that connected (mmsguard_gateway_mm4_responses_total{result}).
     */
    public void mm4Response(String result) {
        Counter.builder("mmsguard.gateway.mm4.responses").tag("result", result)
                .description("MM4 responses sent or withheld").register(registry).increment();
    }

    /**
     * An MSISDN header or cookie from a peer outside the interface's trusted proxies, removed and ignored
     * (mmsguard_gateway_msisdn_untrusted_total{interface}).
     */
    public void untrustedMsisdn(String mmsInterface) {
        Counter.builder("mmsguard.gateway.msisdn.untrusted").tag("interface", mmsInterface)
                .description("MSISDN headers or cookies ignored: not from a trusted proxy").register(registry)
                .increment();
    }

    /**
     * A connection closed at accept, by the limit it was over: {@code max-connections} (the listener's) or
     * {@code max-connections-per-address} (mmsguard_gateway_connections_rejected_total{listener,limit}).
     */
    public void rejectedConnection(String listener, String limit) {
        Counter.builder("mmsguard.gateway.connections.rejected").tag("listener", listener).tag("limit", limit)
                .description("Connections refused over a limit").register(registry).increment();
    }

    /**
     * An HTTP request cut off with 408 by its deadline: {@code head} (request line and headers) or {@code request}
     * (the whole request) (mmsguard_gateway_requests_timed_out_total{listener,deadline}).
     */
    public void requestTimedOut(String listener, String deadline) {
        Counter.builder("mmsguard.gateway.requests.timed-out").tag("listener", listener).tag("deadline", deadline)
                .description("HTTP requests not received within their deadline (408)").register(registry)
                .increment();
    }

    /**
     * Upstream HTTP connections (MM1, MM7): open ones, connecting, busy or idle
     * (mmsguard_gateway_upstream_connections{state="open"}), and of those the idle ones kept for reuse
     * ({state="idle"}).
     */
    public void upstreamConnections(Supplier<Number> open, Supplier<Number> idle) {
        Gauge.builder("mmsguard.gateway.upstream.connections", open).tag("state", "open")
                .description("Upstream HTTP connections").register(registry);
        Gauge.builder("mmsguard.gateway.upstream.connections", idle).tag("state", "idle")
                .description("Upstream HTTP connections").register(registry);
    }

    /**
     * An upstream HTTP request failed after any retry (mmsguard_gateway_upstream_failures_total{stage}): stage
     * {@code not_sent} (the upstream does not have it) or {@code no_answer} (written, then no answer).
     */
    public void upstreamFailure(String stage) {
        Counter.builder("mmsguard.gateway.upstream.failures").tag("stage", stage)
                .description("Upstream HTTP requests that failed, by how far they got").register(registry).increment();
    }

    /**
     * A listener's TLS key material re-read after its file changed (mmsguard_gateway_tls_reloads_total{listener,
     * mode, outcome}): mode {@code tls} or {@code starttls}, outcome {@code reloaded} or {@code failed} (the old
     * certificate stays).
     */
    public void tlsReload(String listener, String mode, String outcome) {
        Counter.builder("mmsguard.gateway.tls.reloads").tag("listener", listener).tag("mode", mode)
                .tag("outcome", outcome).description("TLS key material reloads of a listener").register(registry)
                .increment();
    }

    /** When the certificate a listener offers expires, in seconds since the epoch (mmsguard_gateway_tls_certificate_expiry_seconds). */
    public void tlsCertificateExpiry(String listener, String mode, Supplier<Number> epochSeconds) {
        Gauge.builder("mmsguard.gateway.tls.certificate.expiry", epochSeconds).tag("listener", listener)
                .tag("mode", mode).baseUnit("seconds").description("Expiry of the certificate a listener offers")
                .register(registry);
    }
}
