package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Reason;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7Status;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.http.UpstreamResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP answers of the MM7 proxy (PROTOCOLS.md 4.5, 4.6; FEATURES.md A13; ARCHITECTURE.md "Session semantics"):
 * a refused but understood request gets its ordinary ...Rsp with the error StatusCode (HTTP 200); a request that
 * cannot be processed gets a SOAP Fault with RSErrorRsp (or VASPErrorRsp when the gateway stands in for the VASP) and
 * HTTP 500, as SOAP 1.1 says. Every answer is in the MM7 namespace of the request and echoes its TransactionID.
 */
final class Mm7Answers {
    /** A13 defaults, as inspection-streams' BlockResponses fills them when the decision carries no status. */
    static final int CONTENT_REFUSED = 2004;
    static final int SERVICE_DENIED = 4007;
    static final int FORMAT_CORRUPT = 2007;

    private static final Mm7Encoder ENCODER = new Mm7Encoder();

    private Mm7Answers() {
    }

    /** A block: the request's ...Rsp (SubmitRsp, DeliverRsp) with the decision's MM7 code and replacement text. */
    static FullHttpResponse block(Mm7Message request, Decision decision) {
        int code = blockCode(decision);
        Mm7StatusCode known = Mm7StatusCode.of(code);
        String text = decision.getReplacementText() != null ? decision.getReplacementText() : known.defaultText();
        // the configured code is sent as is, even a vendor code the codec only knows by its class
        Mm7Message rsp = Mm7Responses.response(request, known).toBuilder().status(new Mm7Status(code, text, null))
                .build();
        return soap(rsp, HttpResponseStatus.OK);
    }

    /** For the decision line: the HTTP status and the MM7 StatusCode of the SOAP answer. */
    static String code(FullHttpResponse answer) {
        String http = "HTTP " + answer.status().code();
        try {
            Mm7Message m = new Mm7Decoder().decode(ByteBufUtil.getBytes(answer.content()),
                    answer.headers().get(HttpHeaderNames.CONTENT_TYPE));
            return m.status() == null ? http : http + ", StatusCode " + m.status().code();
        } catch (RuntimeException e) {
            return http; // the line still names the HTTP status; the body is the gateway's own encoding
        }
    }

    /** The MM7 status of a block: the decision's, else the A13 default for its reason. */
    static int blockCode(Decision decision) {
        if (decision.getResponseStatus() != null && decision.getResponseStatus().getMm7StatusCode() != null) {
            return decision.getResponseStatus().getMm7StatusCode();
        }
        Reason reason = decision.getReason();
        if (reason == Reason.ENDPOINT || reason == Reason.FLOOD || reason == Reason.DUPLICATE
                || reason == Reason.SIMILAR) {
            return SERVICE_DENIED;
        }
        return reason == Reason.MALFORMED ? FORMAT_CORRUPT : CONTENT_REFUSED;
    }

    /**
     * No decision (timeout, Kafka unreachable, temporary failure) on a fail-closed profile: the ...Rsp with 4006
     * Service unavailable, the code TS 23.140 gives for "temporarily unavailable, retry later"; a VASP (or an MMSC
     * for a DeliverReq) retries it, so nothing is lost (C5). A 3xxx code would say the message itself failed.
     */
    static FullHttpResponse unavailable(Mm7Message request) {
        return soap(Mm7Responses.response(request, Mm7StatusCode.SERVICE_UNAVAILABLE), HttpResponseStatus.OK);
    }

    /** A request that could not be decoded: RSErrorRsp (VASPErrorRsp on the VASP side) in a SOAP Fault, HTTP 500. */
    static FullHttpResponse malformed(byte[] body, Mm7StatusCode code, boolean asVasp) {
        Mm7Message fault = Mm7Responses.malformedRequestFault(body, code);
        return soap(asVasp ? fault.toBuilder().operation(Mm7Operation.VASP_ERROR_RSP).build() : fault,
                HttpResponseStatus.INTERNAL_SERVER_ERROR);
    }

    /** A decoded request the gateway refuses to process (unknown operation, unsupported version): a Fault, HTTP 500. */
    static FullHttpResponse fault(Mm7Message request, Mm7StatusCode code, boolean asVasp) {
        Mm7Message fault = asVasp
                ? Mm7Responses.vaspErrorFault(request.namespace(), request.transactionId(), request.mm7Version(), code)
                : Mm7Responses.rsErrorFault(request.namespace(), request.transactionId(), request.mm7Version(), code);
        return soap(fault, HttpResponseStatus.INTERNAL_SERVER_ERROR);
    }

    /**
     * Missing or wrong credentials, or a peer the deliver path does not accept: 401 with a Basic challenge and a
     * 4001 Improper identification fault (VASPErrorRsp when the gateway stands in for the VASP), plus Retry-After
     * while the peer backs off, in whole seconds rounded up.
     */
    static FullHttpResponse unauthorized(byte[] body, boolean asVasp, Duration retryAfter) {
        FullHttpResponse r = malformed(body, Mm7StatusCode.IMPROPER_IDENTIFICATION, asVasp);
        r.setStatus(HttpResponseStatus.UNAUTHORIZED);
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"mmsguard-mm7\", charset=\"UTF-8\"");
        if (!retryAfter.isZero()) {
            long seconds = retryAfter.plusNanos(999_999_999).getSeconds();
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
        }
        return r;
    }

    /** The upstream's answer as it came: status, Content-Type and body. */
    static FullHttpResponse relay(UpstreamResponse upstream) {
        String contentType = upstream.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).flatMap(List::stream).findFirst().orElse(null);
        HttpResponseStatus status = HttpResponseStatus.valueOf(upstream.status());
        return response(status, contentType, upstream.body());
    }

    static FullHttpResponse text(HttpResponseStatus status, String text) {
        return response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse soap(Mm7Message message, HttpResponseStatus status) {
        Mm7HttpMessage encoded = ENCODER.encode(message);
        return response(status, encoded.contentType(), encoded.body());
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }
}
