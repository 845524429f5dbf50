package io.mmsguard.codec.mm7;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The MM7 operations (3GPP TS 23.140 §8.7), named by the local name of the SOAP Body element. */
public enum Mm7Operation {
    SUBMIT_REQ("SubmitReq"), SUBMIT_RSP("SubmitRsp"),
    DELIVER_REQ("DeliverReq"), DELIVER_RSP("DeliverRsp"),
    CANCEL_REQ("CancelReq"), CANCEL_RSP("CancelRsp"),
    REPLACE_REQ("ReplaceReq"), REPLACE_RSP("ReplaceRsp"),
    EXTENDED_CANCEL_REQ("extendedCancelReq"), EXTENDED_CANCEL_RSP("extendedCancelRsp"),
    EXTENDED_REPLACE_REQ("extendedReplaceReq"), EXTENDED_REPLACE_RSP("extendedReplaceRsp"),
    DELIVERY_REPORT_REQ("DeliveryReportReq"), DELIVERY_REPORT_RSP("DeliveryReportRsp"),
    READ_REPLY_REQ("ReadReplyReq"), READ_REPLY_RSP("ReadReplyRsp"),
    /** Carried in the detail of a SOAP Fault sent by the relay/server. */
    RS_ERROR_RSP("RSErrorRsp"),
    /** Carried in the detail of a SOAP Fault sent by the VASP. */
    VASP_ERROR_RSP("VASPErrorRsp"),
    /** A SOAP Fault whose detail holds no MM7 error response. */
    FAULT("Fault"),
    /** A well-formed envelope whose Body element is no MM7 operation: answer with 4003 Unsupported operation. */
    UNKNOWN("");

    private static final Map<String, Mm7Operation> BY_NAME = Stream.of(values()).filter(o -> !o.elementName.isEmpty())
            .collect(Collectors.toUnmodifiableMap(o -> o.elementName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String elementName;

    Mm7Operation(String elementName) {
        this.elementName = elementName;
    }

    /** Local name of the SOAP Body element ("" for {@link #UNKNOWN}). */
    public String elementName() {
        return elementName;
    }

    public boolean isRequest() {
        return elementName.endsWith("Req");
    }

    /** Operations sent by the VASP, whose base type carries SenderIdentification. */
    public boolean isVaspRequest() {
        return this == SUBMIT_REQ || this == CANCEL_REQ || this == REPLACE_REQ || this == EXTENDED_CANCEL_REQ
                || this == EXTENDED_REPLACE_REQ;
    }

    /** True for every operation whose base type is genericResponseType (MM7Version, Status). */
    public boolean isResponse() {
        return elementName.endsWith("Rsp");
    }

    /** The response matching a request (SubmitReq to SubmitRsp), or null for anything else. */
    public Mm7Operation response() {
        return isRequest() ? valueOf(name().substring(0, name().length() - 3) + "RSP") : null;
    }

    /** Case-insensitive, since peers differ on "extendedCancelReq" vs "ExtendedCancelReq"; UNKNOWN when none. */
    public static Mm7Operation ofElement(String localName) {
        return BY_NAME.getOrDefault(localName.toLowerCase(Locale.ROOT), UNKNOWN);
    }
}
