package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm7Settings;
import io.mmsguard.gateway.session.SessionOutcome;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
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
 * forward on a fail-open profile, else the ...Rsp with 4006 Service unavailable so that the peer retries.</li>
 * <li>Undecodable request: a SOAP Fault with 2007 Message format corrupt, HTTP 500.</li>
 * </ul>
 * Every request is answered exactly once ({@link Mm7Reply}); an exception in the gateway answers 500.
 */
public final class Mm7Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String INTERFACE = "MM7";
    private static final Logger LOG = LoggerFactory.getLogger(Mm7Handler.class);
    private static final Mm7Decoder DECODER = new Mm7Decoder(DecodeLimits.DEFAULT);

    private final GatewayContext context;
    private final Mm7Settings settings;
    private final VaspAuth auth;
    private Mm7Reply current;

    public Mm7Handler(GatewayContext context, Mm7Settings settings) {
        this.context = context;
        this.settings = settings;
        this.auth = new VaspAuth(settings.vaspPasswords());
    }

    /** Which way a request flows: where it is forwarded and who the gateway answers as. */
    private record Route(Direction direction, Mm7Operation inspected, URI upstream, boolean asVasp) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Mm7Reply reply = new Mm7Reply(ctx, HttpUtil.isKeepAlive(request), context.metrics());
        current = reply;
        reply.guard(() -> receive(ctx, reply, request));
    }

    private void receive(ChannelHandlerContext ctx, Mm7Reply reply, FullHttpRequest request) {
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
        if (message.operation() == Mm7Operation.UNKNOWN) {
            outcome("malformed", "unsupported-operation");
            reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_OPERATION, route.asVasp()));
        } else if (message.operation() != route.inspected()) {
            forward(reply, message, route, in.forwardHeaders(), in.body(), "passthrough",
                    message.operation().elementName());
        } else if (message.mm7Version() != null && !Mm7Namespace.isSupportedVersion(message.mm7Version())) {
            outcome("malformed", "unsupported-version");
            reply.send(Mm7Answers.fault(message, Mm7StatusCode.UNSUPPORTED_VERSION, route.asVasp()));
        } else {
            inspect(ctx, reply, in, message, route, vasp);
        }
    }

    private void inspect(ChannelHandlerContext ctx, Mm7Reply reply, InboundRequest in, Mm7Message message,
                         Route route, String vasp) {
        MmsEnvelope envelope = Mm7Envelopes.build(message, route.direction(), in, vasp,
                context.sessions().newTicket(), settings.profile(), settings.inlineLimitBytes(),
                context.profiles().settings(settings.profile(), MmsInterface.MM7));
        context.sessions().inspect(envelope)
                .handle((outcome, e) -> outcome != null ? outcome
                        : new SessionOutcome.Unavailable("inspection failed: " + e))
                .thenAccept(outcome -> ctx.executor().execute(
                        () -> reply.guard(() -> decide(reply, in, message, route, outcome))));
    }

    private void decide(Mm7Reply reply, InboundRequest in, Mm7Message message, Route route,
                        SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.TimedOut) {
            temporaryFailure(reply, in, message, route, "timeout");
        } else if (outcome instanceof SessionOutcome.Unavailable u) {
            LOG.warn("MM7 {}: inspection unavailable: {}", message.transactionId(), u.reason());
            temporaryFailure(reply, in, message, route, "unavailable");
        } else {
            Decision d = ((SessionOutcome.Decided) outcome).decision();
            String reason = d.getReason().name();
            switch (d.getVerdict()) {
                case PASS, PASS_UNSCANNED -> forward(reply, message, route, in.forwardHeaders(), in.body(),
                        "forwarded", reason);
                case STRIP -> strip(reply, in, message, route, d);
                case BLOCK -> block(reply, message, d, reason);
                default -> temporaryFailure(reply, in, message, route, "temporary-failure");
            }
        }
    }

    private void strip(Mm7Reply reply, InboundRequest in, Mm7Message message, Route route, Decision d) {
        var stripped = Mm7Strip.strip(message, d.getPartsToStrip(), d.getReplacementText());
        if (stripped.isEmpty()) {
            LOG.warn("MM7 {}: STRIP of parts {} not possible (the request holds elements the codec does not "
                    + "re-encode); blocking instead", message.transactionId(), d.getPartsToStrip());
            block(reply, message, d, d.getReason().name() + "-strip-as-block");
            return;
        }
        Mm7HttpMessage encoded = stripped.get();
        Map<String, String> headers = in.forwardHeaders();
        headers.put("content-type", encoded.contentType());
        forward(reply, message, route, headers, encoded.body(), "stripped", d.getReason().name());
    }

    private void block(Mm7Reply reply, Mm7Message message, Decision d, String reason) {
        outcome("blocked", reason);
        reply.send(Mm7Answers.block(message, d));
    }

    private void temporaryFailure(Mm7Reply reply, InboundRequest in, Mm7Message message, Route route,
                                  String reason) {
        if (context.profiles().settings(settings.profile(), MmsInterface.MM7).getFailOpen()) {
            forward(reply, message, route, in.forwardHeaders(), in.body(), "fail-open", reason);
        } else {
            outcome("temporary-failure", reason);
            reply.send(Mm7Answers.unavailable(message));
        }
    }

    /**
     * Posts to the upstream and relays its answer. When the upstream cannot be reached or does not answer in time,
     * the peer gets a 4005 Service error fault: the POST is not retried and the upstream may have taken the message,
     * so "unavailable, retry" would invite a duplicate.
     */
    private void forward(Mm7Reply reply, Mm7Message message, Route route, Map<String, String> headers, byte[] body,
                         String outcome, String reason) {
        context.upstream().post(reply.eventLoop(), route.upstream(), headers, body).whenComplete((response, e) -> reply.guard(() -> {
            if (response != null) {
                outcome(outcome, reason);
                reply.send(Mm7Answers.relay(response));
            } else {
                LOG.warn("MM7 {}: upstream {} failed: {}", message.transactionId(), route.upstream(), e.toString());
                outcome("upstream-error", reason);
                reply.send(Mm7Answers.fault(message, Mm7StatusCode.SERVICE_ERROR, route.asVasp()));
            }
        }));
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
        LOG.error("MM7 connection from {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        Mm7Reply reply = current;
        if (reply != null && !reply.isSent()) {
            context.metrics().outcome(INTERFACE, "error", cause.getClass().getSimpleName());
            reply.send(Mm7Answers.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
        }
        ctx.close();
    }
}
