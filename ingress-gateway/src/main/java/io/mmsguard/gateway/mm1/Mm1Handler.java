package io.mmsguard.gateway.mm1;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm1Settings;
import io.mmsguard.gateway.http.UpstreamResponse;
import io.mmsguard.gateway.session.SessionOutcome;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MM1 proxy, one instance per handset connection (FEATURES.md A9, A13, C5; ARCHITECTURE.md "Session semantics").
 *
 * <ul>
 * <li>POST of an m-send.req: the sender's MSISDN is taken from the profile's header or cookie and inserted where the
 * handset sent the insert-address token; the message is held until the topology decides. PASS forwards the bytes
 * as received (re-encoded only when the MSISDN was inserted), STRIP forwards the PDU without the stripped parts,
 * BLOCK answers an m-send.conf with the decision's status and text and closes the connection; no decision, Kafka
 * unreachable or TEMPORARY_FAILURE forward when the profile is fail-open, else answer Error-transient-failure.</li>
 * <li>Other POSTed PDUs (m-notifyresp.ind, m-acknowledge.ind, read reports...) go to the MMSC unchanged.</li>
 * <li>A PDU that does not decode is answered Error-permanent-message-format-corrupt when its transaction id can be
 * read, else 400. A PDU that declares another type than m-send.req passes as above, since it carries no content.
 * The Content-Type header decides nothing: a body is inspected for what it is, not for what it claims.</li>
 * <li>GET of a content location: fetched from the retrieval upstream; an m-retrieve.conf is inspected (with the
 * profile's retrieveScan) and relayed, stripped, or replaced by a blocking m-retrieve.conf. Without a decision
 * and fail-closed the handset gets 503 (the MMSC keeps the message, the handset retries later); a retrieved PDU
 * that does not decode is replaced by an m-retrieve.conf with Error-permanent-failure.</li>
 * </ul>
 * With the profile's client comfort a held send gets a chunked 200 early and the first octets of its m-send.conf
 * trickled ({@link ClientComfort}); retrievals are not comforted.
 * Every request is answered exactly once, on the channel's event loop.
 */
public final class Mm1Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(Mm1Handler.class);
    static final String MMS_TYPE = "application/vnd.wap.mms-message";
    private static final String IFACE = "MM1";

    private final GatewayContext context;
    private final Mm1Settings settings;
    private final Mm1Decoder decoder = new Mm1Decoder(DecodeLimits.DEFAULT);
    private Exchange current;

    public Mm1Handler(GatewayContext context, Mm1Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** One request and whether it has been answered; touched on the event loop only. */
    private static final class Exchange {
        final ChannelHandlerContext ctx;
        final HttpHeaders headers;
        final byte[] body;
        final String uri;
        final boolean keepAlive;
        final HttpVersion version;
        boolean answered;
        ClientComfort comfort;

        Exchange(ChannelHandlerContext ctx, FullHttpRequest request) {
            this.ctx = ctx;
            this.headers = request.headers().copy();
            this.body = ByteBufUtil.getBytes(request.content());
            this.uri = request.uri();
            this.keepAlive = HttpUtil.isKeepAlive(request);
            this.version = request.protocolVersion();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Exchange ex = new Exchange(ctx, request);
        current = ex;
        guarded(ex, () -> {
            if (!request.decoderResult().isSuccess()) {
                answer(ex, HttpResponseStatus.BAD_REQUEST, null, new byte[0], true);
            } else if (HttpMethod.POST.equals(request.method())) {
                post(ex);
            } else if (HttpMethod.GET.equals(request.method())) {
                retrieve(ex);
            } else {
                answer(ex, HttpResponseStatus.METHOD_NOT_ALLOWED, null, new byte[0], false);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.error("mm1 {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        if (current != null && !current.answered) {
            answer(current, HttpResponseStatus.INTERNAL_SERVER_ERROR, null, new byte[0], true);
        } else {
            ctx.close();
        }
    }

    // ---- sends -------------------------------------------------------------------------------------------------

    private void post(Exchange ex) {
        MmsPdu pdu;
        try {
            pdu = decoder.decode(ex.body);
        } catch (MalformedMessageException e) {
            malformed(ex, e);
            return;
        }
        if (pdu.messageType() != MessageType.SEND_REQ) {
            passThrough(ex, pdu.messageType() == null ? "unknown" : pdu.messageType().token());
            return;
        }
        InterfaceSettings mm1 = mm1Settings();
        Optional<SenderAddress.Msisdn> msisdn = SenderAddress.from(ex.headers, mm1.getSenderAddress());
        MmsPdu send = pdu;
        byte[] bytes = ex.body;
        if (pdu.from() != null && pdu.from().isInsertAddress() && msisdn.isPresent()) {
            send = pdu.withInsertedFrom(msisdn.get().normalised());
            bytes = Mm1Encoder.encode(send);
        }
        MmsEnvelope envelope = Mm1Envelopes.envelope(context.sessions().newTicket(), settings, Direction.SEND, send,
                msisdn, ex.body.length, ex.headers, clientAddress(ex), ex.uri);
        MmsPdu held = send;
        byte[] forward = bytes;
        ex.comfort = ClientComfort.startIfWanted(ex.ctx, mm1.getComfort(), send, ex.version, ex.keepAlive);
        hold(ex, envelope, outcome -> onSendOutcome(ex, held, forward, envelope, outcome));
    }

    private void onSendOutcome(Exchange ex, MmsPdu pdu, byte[] bytes, MmsEnvelope envelope, SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.Decided d) {
            Decision decision = d.decision();
            String reason = decision.getReason().name();
            switch (decision.getVerdict()) {
                case PASS, PASS_UNSCANNED -> forwardSend(ex, pdu, bytes, "forwarded", reason);
                case STRIP -> forwardSend(ex, pdu, Mm1Encoder.encode(Mm1Strip.strip(pdu,
                        new HashSet<>(decision.getPartsToStrip()), decision.getReplacementText())), "stripped", reason);
                case BLOCK -> {
                    context.metrics().outcome(IFACE, "blocked", reason);
                    LOG.info("mm1 session {} blocked ({} {}): {}", envelope.getSessionId(), reason,
                            decision.getDetail(), envelope.getSender());
                    answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Answers.blocked(pdu, decision), true);
                }
                default -> sendWithoutDecision(ex, pdu, bytes, envelope, "temporary-" + reason);
            }
        } else {
            sendWithoutDecision(ex, pdu, bytes, envelope, reasonOf(outcome));
        }
    }

    private void sendWithoutDecision(Exchange ex, MmsPdu pdu, byte[] bytes, MmsEnvelope envelope, String reason) {
        if (mm1Settings().getFailOpen()) {
            LOG.warn("mm1 session {}: no decision ({}), fail-open: forwarding", envelope.getSessionId(), reason);
            forwardSend(ex, pdu, bytes, "fail-open", reason);
        } else {
            LOG.warn("mm1 session {}: no decision ({}), answering transient failure", envelope.getSessionId(),
                    reason);
            context.metrics().outcome(IFACE, "temporary-failure", reason);
            answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Answers.transientFailure(pdu), false);
        }
    }

    private void forwardSend(Exchange ex, MmsPdu pdu, byte[] bytes, String outcome, String reason) {
        context.upstream().post(ex.ctx.channel().eventLoop(), settings.upstream(), endToEnd(ex.headers), bytes)
                .whenCompleteAsync((r, e) -> guarded(ex, () -> {
                    if (e != null) {
                        LOG.warn("mm1: upstream {} failed: {}; answering transient failure", settings.upstream(),
                                e.toString());
                        context.metrics().outcome(IFACE, "upstream-error", reason);
                        answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Answers.transientFailure(pdu), false);
                    } else {
                        context.metrics().outcome(IFACE, outcome, reason);
                        relay(ex, r);
                    }
                }), ex.ctx.executor());
    }

    private void malformed(Exchange ex, MalformedMessageException e) {
        int declared = ex.body.length > 1 && (ex.body[0] & 0xFF) == 0x8C ? ex.body[1] & 0xFF : -1;
        MessageType type = declared < 0 ? null : MessageType.byCode(declared);
        if (type != null && type != MessageType.SEND_REQ) {
            LOG.info("mm1: {} does not decode ({}); passing it on as it carries no content", type.token(),
                    e.getMessage());
            passThrough(ex, type.token());
            return;
        }
        context.metrics().outcome(IFACE, "malformed", "MALFORMED");
        String tid = Mm1Answers.rawTransactionId(ex.body);
        LOG.info("mm1 {}: malformed PDU ({}), transaction id {}", clientAddress(ex), e.getMessage(), tid);
        if (tid == null) {
            answer(ex, HttpResponseStatus.BAD_REQUEST, null, new byte[0], true);
        } else {
            answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Answers.malformed(tid, Mm1Answers.rawVersion(ex.body)),
                    false);
        }
    }

    private void passThrough(Exchange ex, String type) {
        context.upstream().post(ex.ctx.channel().eventLoop(), settings.upstream(), endToEnd(ex.headers), ex.body)
                .whenCompleteAsync((r, e) -> guarded(ex, () -> {
                    if (e != null) {
                        LOG.warn("mm1: upstream {} failed for {}: {}", settings.upstream(), type, e.toString());
                        context.metrics().outcome(IFACE, "upstream-error", type);
                        answer(ex, HttpResponseStatus.BAD_GATEWAY, null, new byte[0], false);
                    } else {
                        context.metrics().outcome(IFACE, "passed-through", type);
                        relay(ex, r);
                    }
                }), ex.ctx.executor());
    }

    // ---- retrievals --------------------------------------------------------------------------------------------

    private void retrieve(Exchange ex) {
        URI target;
        try {
            target = retrieveTarget(ex.uri);
        } catch (IllegalArgumentException e) {
            answer(ex, HttpResponseStatus.BAD_REQUEST, null, new byte[0], true);
            return;
        }
        context.upstream().get(ex.ctx.channel().eventLoop(), target, endToEnd(ex.headers))
                .whenCompleteAsync((r, e) -> guarded(ex, () -> onRetrieved(ex, target, r, e)), ex.ctx.executor());
    }

    private void onRetrieved(Exchange ex, URI target, UpstreamResponse r, Throwable e) {
        if (e != null) {
            LOG.warn("mm1: retrieval {} failed: {}", target, e.toString());
            context.metrics().outcome(IFACE, "upstream-error", "retrieve");
            answer(ex, HttpResponseStatus.BAD_GATEWAY, null, new byte[0], false);
            return;
        }
        boolean mms = r.body().length > 0 && ((r.body()[0] & 0xFF) == 0x8C
                || contentType(r).toLowerCase(Locale.ROOT).startsWith(MMS_TYPE));
        if (r.status() / 100 != 2 || !mms) {
            context.metrics().outcome(IFACE, "passed-through", "retrieve-" + r.status());
            relay(ex, r);
            return;
        }
        MmsPdu pdu;
        try {
            pdu = decoder.decode(r.body());
        } catch (MalformedMessageException m) {
            LOG.warn("mm1: retrieved {} does not decode ({}); answering a failed m-retrieve.conf", target,
                    m.getMessage());
            context.metrics().outcome(IFACE, "malformed", "MALFORMED");
            answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Answers.retrieveUndecodable(Instant.now()), false);
            return;
        }
        InterfaceSettings mm1 = mm1Settings();
        if (pdu.messageType() != MessageType.RETRIEVE_CONF || !mm1.getRetrieveScan()) {
            context.metrics().outcome(IFACE, "passed-through", pdu.messageType() == MessageType.RETRIEVE_CONF
                    ? "retrieve-unscanned" : "retrieve-other");
            relay(ex, r);
            return;
        }
        Optional<SenderAddress.Msisdn> msisdn = SenderAddress.from(ex.headers, mm1.getSenderAddress());
        MmsEnvelope envelope = Mm1Envelopes.envelope(context.sessions().newTicket(), settings, Direction.RETRIEVE,
                pdu, msisdn, r.body().length, ex.headers, clientAddress(ex), ex.uri);
        hold(ex, envelope, outcome -> onRetrieveOutcome(ex, pdu, r, envelope, outcome));
    }

    private void onRetrieveOutcome(Exchange ex, MmsPdu pdu, UpstreamResponse r, MmsEnvelope envelope,
                                   SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.Decided d) {
            Decision decision = d.decision();
            String reason = decision.getReason().name();
            switch (decision.getVerdict()) {
                case PASS, PASS_UNSCANNED -> {
                    context.metrics().outcome(IFACE, "forwarded", reason);
                    relay(ex, r);
                }
                case STRIP -> {
                    context.metrics().outcome(IFACE, "stripped", reason);
                    answer(ex, HttpResponseStatus.OK, MMS_TYPE, Mm1Encoder.encode(Mm1Strip.strip(pdu,
                            new HashSet<>(decision.getPartsToStrip()), decision.getReplacementText())), false);
                }
                case BLOCK -> {
                    context.metrics().outcome(IFACE, "blocked", reason);
                    LOG.info("mm1 retrieval {} blocked ({} {})", envelope.getSessionId(), reason,
                            decision.getDetail());
                    answer(ex, HttpResponseStatus.OK, MMS_TYPE,
                            Mm1Answers.retrieveReplacement(pdu, decision, Instant.now()), true);
                }
                default -> retrieveWithoutDecision(ex, r, envelope, "temporary-" + reason);
            }
        } else {
            retrieveWithoutDecision(ex, r, envelope, reasonOf(outcome));
        }
    }

    private void retrieveWithoutDecision(Exchange ex, UpstreamResponse r, MmsEnvelope envelope, String reason) {
        if (mm1Settings().getFailOpen()) {
            LOG.warn("mm1 retrieval {}: no decision ({}), fail-open: relaying", envelope.getSessionId(), reason);
            context.metrics().outcome(IFACE, "fail-open", reason);
            relay(ex, r);
        } else {
            LOG.warn("mm1 retrieval {}: no decision ({}), answering 503", envelope.getSessionId(), reason);
            context.metrics().outcome(IFACE, "temporary-failure", reason);
            answer(ex, HttpResponseStatus.SERVICE_UNAVAILABLE, null, new byte[0], false);
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** Inspects and continues on the event loop; a handset that has gone meanwhile gets nothing forwarded. */
    private void hold(Exchange ex, MmsEnvelope envelope, Consumer<SessionOutcome> then) {
        context.sessions().inspect(envelope).whenCompleteAsync((outcome, e) -> guarded(ex, () -> {
            if (e != null) {
                then.accept(new SessionOutcome.Unavailable(e.toString()));
            } else if (!ex.ctx.channel().isActive()) {
                LOG.info("mm1 session {}: the client left before the decision; nothing forwarded",
                        envelope.getSessionId());
                context.metrics().outcome(IFACE, "client-gone", reasonOf(outcome));
            } else {
                then.accept(outcome);
            }
        }), ex.ctx.executor());
    }

    private static String reasonOf(SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.Decided d) {
            return d.decision().getReason().name();
        }
        return outcome instanceof SessionOutcome.TimedOut ? "timeout" : "unavailable";
    }

    private InterfaceSettings mm1Settings() {
        return context.profiles().settings(settings.profile(), MmsInterface.MM1);
    }

    /** Runs a step of the exchange; anything it throws is logged and answered 500. */
    private void guarded(Exchange ex, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("mm1 {} {}: {}", clientAddress(ex), ex.uri, e.toString(), e);
            answer(ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, null, new byte[0], true);
        }
    }

    private void relay(Exchange ex, UpstreamResponse r) {
        String type = contentType(r);
        answer(ex, HttpResponseStatus.valueOf(r.status()), type.isEmpty() ? null : type, r.body(), false);
    }

    private static void answer(Exchange ex, HttpResponseStatus status, String contentType, byte[] body,
                               boolean close) {
        if (ex.answered) {
            return;
        }
        ex.answered = true;
        if (ex.comfort != null && ex.comfort.finish(status, body, close)) {
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setContentLength(response, body.length);
        boolean keepAlive = ex.keepAlive && !close;
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture f = ex.ctx.writeAndFlush(response);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String contentType(UpstreamResponse r) {
        return r.contentType();
    }

    /**
     * The handset's end-to-end headers for the MMSC (HttpUpstream drops the hop-by-hop ones). Accept-Encoding is
     * dropped too: the gateway must read what the MMSC answers, and relays only its status, type and body.
     */
    private static Map<String, String> endToEnd(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : headers.names()) {
            if (!HttpHeaderNames.ACCEPT_ENCODING.contentEqualsIgnoreCase(name)) {
                out.put(name, String.join(", ", headers.getAll(name)));
            }
        }
        return out;
    }

    /** Scheme, host and port of the retrieval upstream; path and query of the handset's request. */
    URI retrieveTarget(String requestUri) {
        URI request = URI.create(requestUri);
        URI base = settings.retrieveUpstream();
        String path = request.getRawPath() == null || request.getRawPath().isEmpty() ? "/" : request.getRawPath();
        String query = request.getRawQuery() == null ? "" : "?" + request.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + query);
    }

    private static String clientAddress(Exchange ex) {
        SocketAddress a = ex.ctx.channel().remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
    }
}
