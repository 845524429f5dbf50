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
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm1Settings;
import io.mmsguard.gateway.answer.HeldMessage;
import io.mmsguard.gateway.answer.HttpReply;
import io.mmsguard.gateway.answer.Mm1MessageTypes;
import io.mmsguard.gateway.answer.SessionAnswers;
import io.mmsguard.gateway.answer.UpstreamAnswers;
import io.mmsguard.gateway.http.UpstreamResponse;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.UserInfo;
import io.mmsguard.service.log.MsisdnLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
 * <li>What a POSTed PDU gets is decided by its type alone ({@link Mm1MessageTypes}). A PDU with content
 * (m-send.req, m-mbox-upload.req): the sender's MSISDN is taken from the profile's header or cookie (believed only
 * from {@code mm1.msisdn.trusted-proxies}) and inserted where the handset sent the insert-address token; the message
 * is held until the topology decides. PASS forwards the bytes as received (re-encoded only when the MSISDN was
 * inserted), STRIP forwards the PDU without the stripped parts, BLOCK answers the request's confirmation
 * (m-send.conf, m-mbox-upload.conf) with the decision's status and text and closes the connection; no decision, Kafka
 * unreachable or TEMPORARY_FAILURE forward when the profile is fail-open, else answer Error-transient-failure.
 * When the MMSC fails, a request it did not get is answered Error-transient-failure (the handset retries) and one it
 * got but did not answer Error-permanent-failure (it may have accepted it: a retry could deliver it twice).</li>
 * <li>m-forward.req carries no body: it is inspected as a message without parts (flood, endpoint lists) and relayed
 * only when the profile inspects retrievals, where the forwarded content is seen; else m-forward.conf 0xE1.</li>
 * <li>PDUs without content (m-notifyresp.ind, m-acknowledge.ind, read reports...) go to the MMSC unchanged, unless
 * they carry a body after all; PDUs the MMSC sends (confirmations, notifications, m-retrieve.conf) and unassigned
 * types are refused with Error-unsupported-message (0x88), or 400 without a transaction id.</li>
 * <li>A PDU that does not decode is never forwarded: Error-permanent-message-format-corrupt when its transaction id
 * can be read, else 400. The Content-Type header decides nothing: a body is inspected for what it is, not for what
 * it claims.</li>
 * <li>GET of a content location: fetched from the retrieval upstream; an m-retrieve.conf is inspected (with the
 * profile's retrieveScan) and relayed, stripped, or replaced by a blocking m-retrieve.conf. Without a decision
 * and fail-closed the handset gets 503 (the MMSC keeps the message, the handset retries later); a retrieved PDU
 * that does not decode is replaced by an m-retrieve.conf with Error-permanent-failure.</li>
 * </ul>
 * With the profile's client comfort a held send gets a chunked 200 early and the first octets of its m-send.conf
 * trickled ({@link ClientComfort}); retrievals are not comforted.
 * The verdicts map to answers in {@link SessionAnswers}; a handset that has gone before the decision gets nothing
 * forwarded. Every request is answered exactly once, on the channel's event loop ({@link HttpReply}).
 */
public final class Mm1Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(Mm1Handler.class);
    static final String MMS_TYPE = "application/vnd.wap.mms-message";
    private static final String IFACE = "MM1";

    private final GatewayContext context;
    private final Mm1Settings settings;
    private final SessionAnswers answers;
    private final Mm1Decoder decoder = new Mm1Decoder(DecodeLimits.DEFAULT);
    private HttpReply current;

    public Mm1Handler(GatewayContext context, Mm1Settings settings) {
        this.context = context;
        this.settings = settings;
        this.answers = new SessionAnswers(IFACE, context.metrics());
    }

    /** One request and its answer. */
    private record Exchange(ChannelHandlerContext ctx, HttpReply reply, HttpHeaders headers, byte[] body, String uri,
                            boolean keepAlive, HttpVersion version) {

        static Exchange of(ChannelHandlerContext ctx, HttpReply reply, FullHttpRequest request) {
            return new Exchange(ctx, reply, request.headers().copy(), ByteBufUtil.getBytes(request.content()),
                    request.uri(), HttpUtil.isKeepAlive(request), request.protocolVersion());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpReply reply = new HttpReply(ctx, HttpUtil.isKeepAlive(request), IFACE, context.metrics());
        current = reply;
        reply.guard(() -> {
            Exchange ex = Exchange.of(ctx, reply, request);
            distrustMsisdn(ex);
            if (!request.decoderResult().isSuccess()) {
                reply.send(HttpReply.closing(empty(HttpResponseStatus.BAD_REQUEST)));
            } else if (HttpMethod.POST.equals(request.method())) {
                post(ex);
            } else if (HttpMethod.GET.equals(request.method())) {
                retrieve(ex);
            } else {
                reply.send(empty(HttpResponseStatus.METHOD_NOT_ALLOWED));
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpReply.connectionFailed(ctx, IFACE, current, cause);
    }

    /**
     * The MSISDN header or cookie names the subscriber only when the operator's proxy put it there: from any other
     * peer ({@code mm1.msisdn.trusted-proxies}) it is removed before anything reads or forwards the request, and
     * counted. A handset could otherwise send as anyone, and escape its own flood count.
     */
    private void distrustMsisdn(Exchange ex) {
        SocketAddress peer = ex.ctx().channel().remoteAddress();
        if (settings.msisdnTrustedProxies().trusts(peer instanceof InetSocketAddress i ? i.getAddress() : null)) {
            return;
        }
        SenderAddressSettings sender = mm1Settings().getSenderAddress();
        if (SenderAddress.remove(ex.headers(), sender.getSource(), SenderAddress.mm1Name(sender))) {
            context.metrics().untrustedMsisdn(IFACE);
            LOG.debug("mm1 {}: MSISDN {} from a peer outside mm1.msisdn.trusted-proxies ignored", clientAddress(ex),
                    MsisdnLog.of(SenderAddress.mm1Name(sender)));
        }
    }

    // ---- sends -------------------------------------------------------------------------------------------------

    private void post(Exchange ex) {
        MmsPdu pdu;
        try {
            pdu = decoder.decode(ex.body());
        } catch (MalformedMessageException e) {
            malformed(ex, e);
            return;
        }
        MessageType type = pdu.messageType();
        String token = type == null ? String.format("type-0x%02x", pdu.messageTypeCode()) : type.token();
        switch (Mm1MessageTypes.posted(type)) {
            case REFUSED -> refuse(ex, pdu, token, "unsupported-type");
            case RELAYED -> {
                if (carriesBody(pdu)) {
                    refuse(ex, pdu, token, "body-on-" + token);
                } else {
                    passThrough(ex, pdu, token);
                }
            }
            case INSPECTED -> {
                if (pdu.transactionId() == null) { // every answer to it, a block too, must carry its transaction id
                    refuse(ex, pdu, token, "no-transaction-id");
                } else if (Mm1MessageTypes.inspectedOnRetrieval(type)) {
                    forwardReq(ex, pdu, token);
                } else {
                    inspect(ex, pdu, type == MessageType.SEND_REQ);
                }
            }
        }
    }

    /**
     * Whether a PDU carries anything after its headers: a body (Content-Type present), or octets the decoder skipped
     * as trailing, which a more lenient MMSC might still read as one.
     */
    private static boolean carriesBody(MmsPdu pdu) {
        return pdu.hasBody() || pdu.contentType() != null || !pdu.warnings().isEmpty();
    }

    /** A PDU with content: held until the topology decides; the MSISDN inserted where the handset asked for it. */
    private void inspect(Exchange ex, MmsPdu pdu, boolean comfortable) {
        InterfaceSettings mm1 = mm1Settings();
        Optional<SenderAddress.Msisdn> msisdn = SenderAddress.from(ex.headers(), mm1.getSenderAddress(),
                endpointPrefix());
        MmsPdu send = pdu;
        byte[] bytes = ex.body();
        if (pdu.from() != null && pdu.from().isInsertAddress() && msisdn.isPresent()) {
            send = pdu.withInsertedFrom(msisdn.get().normalised());
            bytes = Mm1Encoder.encode(send);
        } else if (!pdu.warnings().isEmpty()) {
            // octets the decoder skipped (after the last part, say) were never inspected, and a lenient MMSC might
            // read them as content: the MMSC gets the encoding of exactly what was decoded and inspected
            LOG.info("MM1 {} from {} re-encoded before inspection: {}", pdu.messageType(), clientAddress(ex),
                    LogSafe.text(pdu.warnings()));
            bytes = Mm1Encoder.encode(send);
        }
        MmsEnvelope envelope = Mm1Envelopes.envelope(context.sessions().newTicket(), settings, Direction.SEND, send,
                msisdn, ex.body().length, ex.headers(), clientAddress(ex), ex.uri());
        // comfort trickles the start of an m-send.conf: only a send's answer begins with it
        ClientComfort comfort = comfortable ? ClientComfort.startIfWanted(ex.ctx(), mm1.getComfort(), send,
                ex.version(), ex.keepAlive()) : null;
        if (comfort != null) {
            ex.reply().takeOver(r -> comfort.finish(r.status(), ByteBufUtil.getBytes(r.content()),
                    HttpReply.isClosing(r)));
        }
        hold(ex, envelope, new HeldSend(ex, send, bytes));
    }

    /**
     * An m-forward.req: no body, but the MMSC sends the stored message it names on. Its content is seen only when
     * the recipient retrieves it, so it is relayed only when the profile inspects retrievals, and refused otherwise.
     * It is inspected as a message without parts, so that it counts for the sender's flood and the endpoint lists.
     */
    private void forwardReq(Exchange ex, MmsPdu pdu, String token) {
        if (carriesBody(pdu)) {
            refuse(ex, pdu, token, "body-on-" + token);
            return;
        }
        if (!mm1Settings().getRetrieveScan()) {
            LOG.info("mm1 {}: {} {} refused: retrievals are not inspected, so the forwarded content would not be",
                    clientAddress(ex), token, LogSafe.text(pdu.transactionId()));
            context.metrics().outcome(IFACE, "refused", "retrieval-not-inspected");
            ex.reply().send(mms(Mm1Answers.forwardRefused(pdu)));
            return;
        }
        inspect(ex, pdu, false);
    }

    /** Never forwarded: the request's confirmation with Error-unsupported-message, or 400 without a transaction id. */
    private void refuse(Exchange ex, MmsPdu pdu, String token, String reason) {
        LOG.info("mm1 {}: {} refused ({}), transaction id {}", clientAddress(ex), token, reason,
                LogSafe.text(pdu.transactionId()));
        context.metrics().outcome(IFACE, "refused", reason);
        byte[] answer = Mm1Answers.unsupported(pdu);
        ex.reply().send(answer == null ? HttpReply.closing(empty(HttpResponseStatus.BAD_REQUEST)) : mms(answer));
    }

    /** What a held send and a held retrieval share: the handset's exchange, the PDU, the MMSC's answer relayed. */
    private abstract static class HeldPdu implements HeldMessage<UpstreamResponse, FullHttpResponse> {
        final Exchange ex;
        final MmsPdu pdu;

        HeldPdu(Exchange ex, MmsPdu pdu) {
            this.ex = ex;
            this.pdu = pdu;
        }

        @Override
        public String transactionId() {
            return pdu.transactionId();
        }

        @Override
        public boolean clientPresent() {
            return ex.reply().clientPresent();
        }

        @Override
        public FullHttpResponse relay(UpstreamResponse upstreamAnswer) {
            return Mm1Handler.relay(upstreamAnswer);
        }

        @Override
        public String code(FullHttpResponse answer) {
            return Mm1Answers.code(answer);
        }
    }

    /** A PDU POSTed to the MMSC (m-send.req, m-mbox-upload.req, m-forward.req): the MMSC's confirmation is relayed. */
    private final class HeldSend extends HeldPdu {
        private final byte[] bytes;

        HeldSend(Exchange ex, MmsPdu pdu, byte[] bytes) {
            super(ex, pdu);
            this.bytes = bytes;
        }

        @Override
        public CompletableFuture<UpstreamResponse> forward() {
            return post(ex, bytes);
        }

        @Override
        public Optional<CompletableFuture<UpstreamResponse>> strip(Decision decision) {
            return Optional.of(post(ex, Mm1Encoder.encode(Mm1Strip.strip(pdu,
                    new HashSet<>(decision.getPartsToStrip()), decision.getReplacementText()))));
        }

        @Override
        public FullHttpResponse blocked(Decision decision) {
            return HttpReply.closing(mms(Mm1Answers.blocked(pdu, decision)));
        }

        @Override
        public FullHttpResponse temporaryFailure() {
            return mms(Mm1Answers.transientFailure(pdu));
        }

        @Override
        public FullHttpResponse notConfirmed() {
            return mms(Mm1Answers.notConfirmed(pdu));
        }
    }

    /** A PDU that does not decode is never forwarded, whatever type it declares: what was not read was not inspected. */
    private void malformed(Exchange ex, MalformedMessageException e) {
        byte[] body = ex.body();
        context.metrics().outcome(IFACE, "malformed", "MALFORMED");
        String tid = Mm1Answers.rawTransactionId(body);
        LOG.info("mm1 {}: malformed PDU ({}), transaction id {}", clientAddress(ex), LogSafe.text(e.getMessage()),
                LogSafe.text(tid));
        if (tid == null) {
            ex.reply().send(HttpReply.closing(empty(HttpResponseStatus.BAD_REQUEST)));
        } else {
            ex.reply().send(mms(Mm1Answers.malformed(tid, Mm1Answers.rawVersion(body))));
        }
    }

    /**
     * A PDU of a type that carries no content ({@link Mm1MessageTypes}: notification response, acknowledgement,
     * report...) goes to the MMSC uninspected, counted as {@code passed-through}.
     */
    private void passThrough(Exchange ex, MmsPdu pdu, String type) {
        UpstreamAnswers<UpstreamResponse, FullHttpResponse> answers502 = new UpstreamAnswers<>() {
            @Override
            public String transactionId() {
                return pdu.transactionId();
            }

            @Override
            public FullHttpResponse relay(UpstreamResponse upstreamAnswer) {
                return Mm1Handler.relay(upstreamAnswer);
            }

            @Override
            public FullHttpResponse temporaryFailure() {
                return empty(HttpResponseStatus.BAD_GATEWAY);
            }

            @Override
            public FullHttpResponse notConfirmed() {
                return empty(HttpResponseStatus.BAD_GATEWAY);
            }
        };
        ex.reply().then(answers.forward(answers502, post(ex, ex.body()), "passed-through", type), ex.reply()::send);
    }

    // ---- retrievals --------------------------------------------------------------------------------------------

    private void retrieve(Exchange ex) {
        URI target;
        try {
            target = retrieveTarget(ex.uri());
        } catch (IllegalArgumentException e) {
            ex.reply().send(HttpReply.closing(empty(HttpResponseStatus.BAD_REQUEST)));
            return;
        }
        context.upstream().get(ex.ctx().channel().eventLoop(), target, endToEnd(ex.headers()))
                .whenComplete((r, e) -> ex.reply().guard(() -> onRetrieved(ex, target, r, e)));
    }

    private void onRetrieved(Exchange ex, URI target, UpstreamResponse r, Throwable e) {
        if (e != null) {
            LOG.warn("mm1: retrieval {} failed: {}", LogSafe.text(UserInfo.mask(target)), UserInfo.mask(e));
            context.metrics().outcome(IFACE, "upstream-error", "retrieve");
            ex.reply().send(empty(HttpResponseStatus.BAD_GATEWAY));
            return;
        }
        boolean mms = r.body().length > 0 && ((r.body()[0] & 0xFF) == 0x8C
                || r.contentType().toLowerCase(Locale.ROOT).startsWith(MMS_TYPE));
        if (r.status() / 100 != 2 || !mms) {
            context.metrics().outcome(IFACE, "not-mms", "retrieve-" + r.status());
            ex.reply().send(relay(r));
            return;
        }
        MmsPdu pdu;
        try {
            pdu = decoder.decode(r.body());
        } catch (MalformedMessageException m) {
            LOG.warn("mm1: retrieved {} does not decode ({}); answering a failed m-retrieve.conf",
                    LogSafe.text(UserInfo.mask(target)), LogSafe.text(m.getMessage()));
            context.metrics().outcome(IFACE, "malformed", "MALFORMED");
            ex.reply().send(mms(Mm1Answers.retrieveUndecodable(Instant.now())));
            return;
        }
        InterfaceSettings mm1 = mm1Settings();
        if (pdu.messageType() != MessageType.RETRIEVE_CONF) {
            if (carriesBody(pdu)) { // content in a PDU that is no m-retrieve.conf: not inspected, so not relayed
                LOG.warn("mm1: retrieved {} is a {} with a body; answering a failed m-retrieve.conf",
                        LogSafe.text(UserInfo.mask(target)),
                        pdu.messageType() == null ? "PDU of unknown type" : pdu.messageType().token());
                context.metrics().outcome(IFACE, "refused", "retrieved-other-with-body");
                ex.reply().send(mms(Mm1Answers.retrieveUndecodable(Instant.now())));
            } else {
                context.metrics().outcome(IFACE, "passed-through", pdu.messageType() == null ? "retrieve-other"
                        : pdu.messageType().token());
                ex.reply().send(relay(r));
            }
            return;
        }
        if (!mm1.getRetrieveScan()) { // the profile's choice (retrieveScan off): relayed unscanned, counted as such
            context.metrics().outcome(IFACE, "unscanned", "retrieve-scan-off");
            ex.reply().send(relay(r));
            return;
        }
        Optional<SenderAddress.Msisdn> msisdn = SenderAddress.from(ex.headers(), mm1.getSenderAddress(),
                endpointPrefix());
        MmsEnvelope envelope = Mm1Envelopes.envelope(context.sessions().newTicket(), settings, Direction.RETRIEVE,
                pdu, msisdn, r.body().length, ex.headers(), clientAddress(ex), ex.uri());
        hold(ex, envelope, new HeldRetrieval(ex, pdu, r));
    }

    /**
     * A retrieved m-retrieve.conf: "forwarding" relays what the MMSC answered; without a decision and fail-closed the
     * handset gets 503 (the MMSC keeps the message, the handset retries later).
     */
    private static final class HeldRetrieval extends HeldPdu {
        private final UpstreamResponse retrieved;

        HeldRetrieval(Exchange ex, MmsPdu pdu, UpstreamResponse retrieved) {
            super(ex, pdu);
            this.retrieved = retrieved;
        }

        @Override
        public CompletableFuture<UpstreamResponse> forward() {
            return CompletableFuture.completedFuture(retrieved);
        }

        @Override
        public Optional<CompletableFuture<UpstreamResponse>> strip(Decision decision) {
            byte[] stripped = Mm1Encoder.encode(Mm1Strip.strip(pdu, new HashSet<>(decision.getPartsToStrip()),
                    decision.getReplacementText()));
            return Optional.of(CompletableFuture.completedFuture(new UpstreamResponse(200,
                    Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), java.util.List.of(MMS_TYPE)), stripped)));
        }

        @Override
        public FullHttpResponse blocked(Decision decision) {
            return HttpReply.closing(mms(Mm1Answers.retrieveReplacement(pdu, decision, Instant.now())));
        }

        @Override
        public FullHttpResponse temporaryFailure() {
            return empty(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }

        @Override
        public FullHttpResponse notConfirmed() {
            return empty(HttpResponseStatus.SERVICE_UNAVAILABLE); // a relayed retrieval has no upstream leg left
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** Inspects, then answers on the event loop as {@link SessionAnswers} chooses. */
    private void hold(Exchange ex, MmsEnvelope envelope, HeldMessage<UpstreamResponse, FullHttpResponse> message) {
        ex.reply().answerHeld(answers, envelope, context.sessions().inspect(envelope),
                () -> mm1Settings().getFailOpen(), message);
    }

    private CompletableFuture<UpstreamResponse> post(Exchange ex, byte[] body) {
        return context.upstream().post(ex.reply().eventLoop(), settings.upstream(), endToEnd(ex.headers()), body);
    }

    private InterfaceSettings mm1Settings() {
        return context.profiles().settings(settings.profile(), MmsInterface.MM1);
    }

    private EndpointPrefix endpointPrefix() {
        return context.profiles().profile(settings.profile()).getEndpointPrefix();
    }

    private static FullHttpResponse relay(UpstreamResponse r) {
        String type = r.contentType();
        return HttpReply.response(HttpResponseStatus.valueOf(r.status()), type.isEmpty() ? null : type, r.body());
    }

    private static FullHttpResponse mms(byte[] pdu) {
        return HttpReply.response(HttpResponseStatus.OK, MMS_TYPE, pdu);
    }

    private static FullHttpResponse empty(HttpResponseStatus status) {
        return HttpReply.response(status, null, new byte[0]);
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
        SocketAddress a = ex.ctx().channel().remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
    }
}
