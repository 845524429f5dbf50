package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
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
import io.mmsguard.gateway.answer.SessionAnswers;
import io.mmsguard.gateway.http.UpstreamResponse;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MM7 proxy, one instance per connection (ARCHITECTURE.md "Session semantics"; PROTOCOLS.md 4).
 *
 * <ul>
 * <li>VASP to MMSC (any path but the deliver path): with VASP passwords configured, HTTP basic authentication whose
 * user is the VASP id (and equals the SOAP VASPID when there is one), else 401. A SubmitReq is decoded, inspected
 * as a SEND and, on a pass, its original bytes and headers go to the MMSC and the MMSC's answer comes back; other
 * known operations (CancelReq, ReplaceReq...) pass through uninspected; an unknown one gets a 4003 fault.</li>
 * <li>MMSC to VASP (on {@code deliverPath}, when {@code vaspUpstream} is set): a DeliverReq is inspected as a
 * DELIVER and forwarded to the VASP on a pass; DeliveryReportReq, ReadReplyReq... pass through.</li>
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
    private final VaspAuth auth;
    private final SessionAnswers answers;
    private HttpReply current;

    public Mm7Handler(GatewayContext context, Mm7Settings settings) {
        this.context = context;
        this.settings = settings;
        this.auth = new VaspAuth(settings.vaspPasswords());
        this.answers = new SessionAnswers(INTERFACE, context.metrics());
    }

    /** Which way a request flows: where it is forwarded and who the gateway answers as. */
    private record Route(Direction direction, Mm7Operation inspected, URI upstream, boolean asVasp) {
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
        InboundRequest in = new InboundRequest(request.uri(), new QueryStringDecoder(request.uri()).path(),
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), clientAddress(ctx));
        boolean fromMmsc = settings.vaspUpstream() != null && in.path().equals(settings.deliverPath());
        Route route = fromMmsc
                ? new Route(Direction.DELIVER, Mm7Operation.DELIVER_REQ, settings.vaspUpstream(), true)
                : new Route(Direction.SEND, Mm7Operation.SUBMIT_REQ, settings.upstream(), false);
        String vasp = null;
        if (!fromMmsc && auth.enabled()) {
            vasp = auth.authenticate(in.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (vasp == null) {
                outcome("denied", "authentication");
                reply.send(Mm7Answers.unauthorized(in.body()));
                return;
            }
        }
        Mm7Message message;
        try {
            message = DECODER.decode(in.body(), in.contentType());
        } catch (MalformedMessageException e) {
            LOG.info("MM7 from {}: undecodable request: {}", in.clientAddress(), e.getMessage());
            outcome("malformed", e instanceof LimitExceededException ? "limit" : "decode");
            reply.send(Mm7Answers.malformed(in.body(), Mm7StatusCode.MESSAGE_FORMAT_CORRUPT, route.asVasp()));
            return;
        }
        if (vasp != null && message.vaspId() != null && !message.vaspId().equals(vasp)) {
            LOG.info("MM7 from {}: VASPID {} does not match the authenticated VASP {}", in.clientAddress(),
                    message.vaspId(), vasp);
            outcome("denied", "vaspid-mismatch");
            reply.send(Mm7Answers.unauthorized(in.body()));
            return;
        }
        Held held = new Held(reply, in, message, route);
        if (message.operation() == Mm7Operation.UNKNOWN) {
            outcome("malformed", "unsupported-operation");
            reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_OPERATION, route.asVasp()));
        } else if (message.operation() != route.inspected()) {
            reply.then(answers.forward(held, held.forward(), "passed-through", message.operation().elementName()),
                    reply::send);
        } else if (message.mm7Version() != null && !Mm7Namespace.isSupportedVersion(message.mm7Version())) {
            outcome("malformed", "unsupported-version");
            reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_VERSION, route.asVasp()));
        } else {
            inspect(held, vasp);
        }
    }

    private void inspect(Held held, String vasp) {
        MmsEnvelope envelope = Mm7Envelopes.build(held.message, held.route.direction(), held.in, vasp,
                context.sessions().newTicket(), settings.profile(), settings.inlineLimitBytes(),
                context.profiles().settings(settings.profile(), MmsInterface.MM7));
        held.reply.answerHeld(answers, envelope.getSessionId(), context.sessions().inspect(envelope),
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
        if (current != null) {
            current.fail(cause);
        } else {
            LOG.error("MM7 connection from {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
            ctx.close();
        }
    }
}
