package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm7Settings;
import io.mmsguard.gateway.answer.HeldMessage;
import io.mmsguard.gateway.answer.HttpReply;
import io.mmsguard.gateway.answer.Mm7Operations;
import io.mmsguard.gateway.answer.SessionAnswers;
import io.mmsguard.gateway.http.UpstreamResponse;
import io.mmsguard.gateway.mm1.SenderAddress;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.mmsguard.gateway.tls.ClientCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MM7 proxy, one instance per connection (ARCHITECTURE.md "Session semantics"; PROTOCOLS.md 4).
 *
 * <ul>
 * <li>Who may send is decided first ({@link Mm7Access}): on the VASP leg the VASP authenticates (HTTP basic as its
 * VASP id and/or a client certificate), and the SOAP VASPID, when there is one, must name the VASP authenticated;
 * on the deliver leg the MMSC's source address and certificate are checked. Else 401 with a 4001 fault.</li>
 * <li>What a request gets is decided by its operation and leg alone ({@link Mm7Operations}). VASP to MMSC (any path
 * but the deliver path): SubmitReq, ReplaceReq and extendedReplaceReq are decoded,
 * inspected as a SEND and, on a pass, their original bytes and headers go to the MMSC and the MMSC's answer comes
 * back; CancelReq, extendedCancelReq, responses and faults pass through uninspected (refused with 4004 when they carry
 * attachments after all).</li>
 * <li>MMSC to VASP (on {@code deliverPath}, when {@code vaspUpstream} is set): a DeliverReq is inspected as a
 * DELIVER and forwarded to the VASP on a pass; DeliveryReportReq, ReadReplyReq, responses and faults pass through.</li>
 * <li>A request on the wrong leg (a DeliverReq from a VASP, a SubmitReq from the MMSC) and an unknown operation get a
 * 4003 Unsupported operation fault.</li>
 * <li>The profile's MSISDN header or cookie is believed only from {@code mm7.msisdn.trusted-proxies}.</li>
 * <li>Block: the ...Rsp with the decision's MM7 status and replacement text, nothing forwarded. Strip: the request
 * re-encoded without the named parts (or blocked when the codec cannot re-encode it faithfully). No decision:
 * forward on a fail-open profile, else the ...Rsp with 4006 Service unavailable so that the peer retries. A peer
 * that has gone before the decision gets nothing forwarded ({@link SessionAnswers}).</li>
 * <li>Upstream failure: 4006 when the upstream did not get the whole request (the peer retries), a 4005 Service
 * error fault when it got it and did not answer (it may have accepted it; a retry could deliver it twice).</li>
 * <li>Undecodable request: a SOAP Fault with 2007 Message format corrupt, HTTP 500.</li>
 * </ul>
 * Every request is answered exactly once ({@link HttpReply}); an exception in the gateway answers 500.
 */
public final class Mm7Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String INTERFACE = "MM7";
    private static final Logger LOG = LoggerFactory.getLogger(Mm7Handler.class);
    private static final Mm7Decoder DECODER = new Mm7Decoder(DecodeLimits.DEFAULT);

    private final GatewayContext context;
    private final Mm7Settings settings;
    private final Mm7Access access;
    private final SessionAnswers answers;
    private HttpReply current;

    /** @param access the listener's, shared by its connections (it holds the authentication back-off) */
    public Mm7Handler(GatewayContext context, Mm7Settings settings, Mm7Access access) {
        this.context = context;
        this.settings = settings;
        this.access = access;
        this.answers = new SessionAnswers(INTERFACE, context.metrics());
    }

    /** Which way a request flows: its leg, where it is forwarded and who the gateway answers as. */
    private record Route(Mm7Operations.Leg leg, Direction direction, URI upstream, boolean asVasp) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpReply reply = new HttpReply(ctx, HttpUtil.isKeepAlive(request), INTERFACE, context.metrics());
        current = reply;
        reply.guard(() -> receive(ctx, reply, request));
    }

    private void receive(ChannelHandlerContext ctx, HttpReply reply, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            outcome("malformed", "http");
            reply.send(Mm7Answers.text(HttpResponseStatus.BAD_REQUEST, "bad HTTP request"));
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            outcome("malformed", "method");
            var r = Mm7Answers.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "MM7 takes POST");
            r.headers().set(HttpHeaderNames.ALLOW, "POST");
            reply.send(r);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            // e.g. an unterminated %-escape or a port out of range: the client's error, not the gateway's
            outcome("malformed", "request-target");
            reply.send(Mm7Answers.text(HttpResponseStatus.BAD_REQUEST, "bad request target"));
            return;
        }
        InboundRequest in = new InboundRequest(request.uri(), path,
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), clientAddress(ctx));
        boolean fromMmsc = settings.vaspUpstream() != null && in.path().equals(settings.deliverPath());
        Route route = fromMmsc
                ? new Route(Mm7Operations.Leg.FROM_MMSC, Direction.DELIVER, settings.vaspUpstream(), true)
                : new Route(Mm7Operations.Leg.FROM_VASP, Direction.SEND, settings.upstream(), false);
        InetAddress source = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        List<String> certificateNames = ClientCertificate.names(ctx.channel());
        Mm7Access.Verdict verdict = fromMmsc ? access.deliver(source, certificateNames)
                : access.vasp(source, in.headers().get(HttpHeaderNames.AUTHORIZATION), certificateNames);
        if (verdict instanceof Mm7Access.Denied denied) {
            outcome("denied", denied.reason());
            reply.send(Mm7Answers.unauthorized(in.body(), route.asVasp(), denied.retryAfter()));
            return;
        }
        String vasp = ((Mm7Access.Granted) verdict).vasp();
        distrustMsisdn(in, ctx);
        Mm7Message message;
        try {
            message = DECODER.decode(in.body(), in.contentType());
        } catch (MalformedMessageException e) {
            LOG.info("MM7 from {}: undecodable request: {}", in.clientAddress(), LogSafe.text(e.getMessage()));
            outcome("malformed", e instanceof LimitExceededException ? "limit" : "decode");
            reply.send(Mm7Answers.malformed(in.body(), Mm7StatusCode.MESSAGE_FORMAT_CORRUPT, route.asVasp()));
            return;
        }
        if (vasp != null && message.vaspId() != null && !message.vaspId().equals(vasp)) {
            LOG.info("MM7 from {}: VASPID {} does not match the authenticated VASP {}", in.clientAddress(),
                    LogSafe.text(message.vaspId()), vasp);
            outcome("denied", "vaspid-mismatch");
            reply.send(Mm7Answers.unauthorized(in.body(), route.asVasp(), Duration.ZERO));
            return;
        }
        Held held = new Held(reply, in, message, route);
        Mm7Operation op = message.operation();
        switch (Mm7Operations.handling(op, route.leg())) {
            case REFUSED -> {
                LOG.info("MM7 from {}: {} refused on the {} leg", in.clientAddress(),
                        op == Mm7Operation.UNKNOWN ? "an unknown operation" : op.elementName(), route.leg());
                outcome("refused", op == Mm7Operation.UNKNOWN ? "unsupported-operation" : "wrong-leg");
                reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_OPERATION, route.asVasp()));
            }
            case RELAYED -> {
                if (!message.allParts().isEmpty()) { // an operation without content that carries some after all
                    LOG.info("MM7 from {}: {} carries attachments; refused", in.clientAddress(), op.elementName());
                    outcome("refused", "content-on-" + op.elementName());
                    reply.send(Mm7Answers.fault(message, Mm7StatusCode.VALIDATION_ERROR, route.asVasp()));
                } else {
                    reply.then(answers.forward(held, held.forward(), "passed-through", op.elementName()),
                            reply::send);
                }
            }
            case INSPECTED -> {
                if (message.mm7Version() != null && !Mm7Namespace.isSupportedVersion(message.mm7Version())) {
                    outcome("malformed", "unsupported-version");
                    reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_VERSION, route.asVasp()));
                } else {
                    inspect(held, vasp);
                }
            }
        }
    }

    /**
     * The MSISDN header or cookie (the profile's MM7 senderAddress) names the sender only when a trusted front end
     * put it there: from any other peer ({@code mm7.msisdn.trusted-proxies}) it is removed before anything reads or
     * forwards the request, and counted.
     */
    private void distrustMsisdn(InboundRequest in, ChannelHandlerContext ctx) {
        if (settings.msisdnTrustedProxies().trusts(ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress() : null)) {
            return;
        }
        SenderAddressSettings sender = context.profiles().settings(settings.profile(), MmsInterface.MM7)
                .getSenderAddress();
        if (sender != null && sender.getName() != null && !sender.getName().isBlank()
                && SenderAddress.remove(in.headers(), sender.getSource(), sender.getName())) {
            context.metrics().untrustedMsisdn(INTERFACE);
            LOG.debug("MM7 from {}: MSISDN {} from a peer outside mm7.msisdn.trusted-proxies ignored",
                    in.clientAddress(), MsisdnLog.of(sender.getName()));
        }
    }

    private void inspect(Held held, String vasp) {
        MmsEnvelope envelope = Mm7Envelopes.build(held.message, held.route.direction(), held.in, vasp,
                context.sessions().newTicket(), settings.profile(), settings.inlineLimitBytes(),
                context.profiles().settings(settings.profile(), MmsInterface.MM7),
                context.profiles().profile(settings.profile()).getEndpointPrefix());
        held.reply.answerHeld(answers, envelope, context.sessions().inspect(envelope),
                () -> context.profiles().settings(settings.profile(), MmsInterface.MM7).getFailOpen(), held);
    }

    /**
     * One request towards its upstream. The upstream's answer is relayed; when it cannot be reached (or fails before
     * it has the whole request) the peer gets 4006 Service unavailable and retries; when it had the request and did
     * not answer, a 4005 Service error fault, which is not retried: the upstream may have accepted the message.
     */
    private final class Held implements HeldMessage<UpstreamResponse, FullHttpResponse> {
        private final HttpReply reply;
        private final InboundRequest in;
        private final Mm7Message message;
        private final Route route;

        Held(HttpReply reply, InboundRequest in, Mm7Message message, Route route) {
            this.reply = reply;
            this.in = in;
            this.message = message;
            this.route = route;
        }

        @Override
        public String transactionId() {
            return message.transactionId();
        }

        @Override
        public boolean clientPresent() {
            return reply.clientPresent();
        }

        @Override
        public CompletableFuture<UpstreamResponse> forward() {
            return context.upstream().post(reply.eventLoop(), route.upstream(), in.forwardHeaders(), in.body());
        }

        @Override
        public Optional<CompletableFuture<UpstreamResponse>> strip(Decision decision) {
            return Mm7Strip.strip(message, decision.getPartsToStrip(), decision.getReplacementText())
                    .map(encoded -> {
                        Map<String, String> headers = in.forwardHeaders();
                        headers.put("content-type", encoded.contentType());
                        return context.upstream().post(reply.eventLoop(), route.upstream(), headers, encoded.body());
                    });
        }

        @Override
        public FullHttpResponse relay(UpstreamResponse upstreamAnswer) {
            return Mm7Answers.relay(upstreamAnswer);
        }

        @Override
        public FullHttpResponse blocked(Decision decision) {
            return Mm7Answers.block(message, decision);
        }

        @Override
        public FullHttpResponse temporaryFailure() {
            return Mm7Answers.unavailable(message);
        }

        @Override
        public FullHttpResponse notConfirmed() {
            return Mm7Answers.fault(message, Mm7StatusCode.SERVICE_ERROR, route.asVasp());
        }

        @Override
        public String code(FullHttpResponse answer) {
            return Mm7Answers.code(answer);
        }
    }

    private void outcome(String outcome, String reason) {
        context.metrics().outcome(INTERFACE, outcome, reason);
    }

    private static String clientAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        HttpReply.connectionFailed(ctx, INTERFACE, current, cause);
    }
}
