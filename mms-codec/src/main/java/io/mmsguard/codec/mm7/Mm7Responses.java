package io.mmsguard.codec.mm7;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the responses a gateway sends (PROTOCOLS.md 4.5, 4.6; FEATURES.md A13): always in the namespace the
 * request used, echoing its TransactionID, with the request's MM7Version when mmsguard supports it.
 */
public final class Mm7Responses {

    private static final Pattern NAMESPACE = Pattern.compile(Pattern.quote(Mm7Namespace.PREFIX) + "[A-Za-z0-9._-]{1,64}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("TransactionID[^>]{0,512}>\\s*([^<\\s]{1,256})\\s*<");

    private Mm7Responses() {
    }

    /**
     * The ordinary ...Rsp for a request (SubmitRsp for a SubmitReq, DeliveryReportRsp for a DeliveryReportReq...),
     * with the code's standard text.
     */
    public static Mm7Message response(Mm7Message request, Mm7StatusCode code) {
        Mm7Operation op = request.operation().response();
        if (op == null) {
            throw new IllegalArgumentException("no response operation for " + request.operation());
        }
        return base(op, request.namespace(), request.transactionId(), request.mm7Version())
                .status(Mm7Status.of(code)).build();
    }

    /** SubmitRsp; the MessageID is sent only on success (the relay assigns none to a refused message). */
    public static Mm7Message submitRsp(Mm7Message request, Mm7StatusCode code, String messageId) {
        return response(request, code).toBuilder().messageId(code.isSuccess() ? messageId : null).build();
    }

    /** DeliverRsp, with an optional ServiceCode (for charging). */
    public static Mm7Message deliverRsp(Mm7Message request, Mm7StatusCode code, String serviceCode) {
        return response(request, code).toBuilder().serviceCode(serviceCode).build();
    }

    /**
     * A block response (A13): the request's ...Rsp carrying the configured code and text, e.g. 2004 for refused
     * content or 4007 for a denied service.
     */
    public static Mm7Message block(Mm7Message request, Mm7StatusCode code, String statusText) {
        Mm7Message rsp = response(request, code);
        return rsp.toBuilder().status(new Mm7Status(code.code(), statusText == null ? code.defaultText() : statusText,
                null)).build();
    }

    /** A SOAP Fault carrying RSErrorRsp, for a request that could not be processed at all (4.6). */
    public static Mm7Message rsErrorFault(String namespace, String transactionId, String mm7Version, Mm7StatusCode code) {
        return errorFault(Mm7Operation.RS_ERROR_RSP, namespace, transactionId, mm7Version, code);
    }

    /** A SOAP Fault carrying VASPErrorRsp, the VASP-side twin of {@link #rsErrorFault}. */
    public static Mm7Message vaspErrorFault(String namespace, String transactionId, String mm7Version,
                                            Mm7StatusCode code) {
        return errorFault(Mm7Operation.VASP_ERROR_RSP, namespace, transactionId, mm7Version, code);
    }

    /**
     * An RSErrorRsp fault for a request the decoder rejected: namespace and TransactionID are recovered from the raw
     * bytes when they can be found there, so the peer still gets an answer it can match.
     */
    public static Mm7Message malformedRequestFault(byte[] rawRequest, Mm7StatusCode code) {
        String text = new String(rawRequest, 0, Math.min(rawRequest.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        Matcher ns = NAMESPACE.matcher(text);
        Matcher tid = TRANSACTION_ID.matcher(text);
        return rsErrorFault(ns.find() ? ns.group() : Mm7Namespace.DEFAULT, tid.find() ? tid.group(1) : null, null, code);
    }

    private static Mm7Message errorFault(Mm7Operation op, String namespace, String transactionId, String mm7Version,
                                         Mm7StatusCode code) {
        return base(op, namespace, transactionId, mm7Version).status(Mm7Status.of(code))
                .fault(new Mm7Fault("env:" + code.faultCode(), code.faultCode() + " error")).build();
    }

    private static Mm7Message.Builder base(Mm7Operation op, String namespace, String transactionId, String mm7Version) {
        String ns = Mm7Namespace.isMm7(namespace) ? namespace : Mm7Namespace.DEFAULT;
        String version = Mm7Namespace.isSupportedVersion(mm7Version) ? mm7Version : Mm7Namespace.defaultVersion(ns);
        return Mm7Message.builder(op, ns).transactionId(transactionId).mustUnderstand(transactionId == null ? null : true)
                .mm7Version(version);
    }
}
