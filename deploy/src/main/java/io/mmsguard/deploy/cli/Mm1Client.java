package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;

/**
 * A handset's side of MM1 submission: an m-send.req (MMS 1.2, multipart/mixed) POSTed as
 * {@code application/vnd.wap.mms-message}, and the m-send.conf decoded. Used by {@code mmsguard send mm1} and by
 * the demo of {@code mmsguard up}, so that both send what a handset sends.
 */
public final class Mm1Client {
    public static final String CONTENT_TYPE = "application/vnd.wap.mms-message";

    /**
     * What the MMSC answered.
     *
     * @param httpStatus the HTTP status
     * @param conf       the decoded m-send.conf; null unless the status was 200
     */
    public record Answer(int httpStatus, MmsPdu conf) {
    }

    private final HttpPost http;

    public Mm1Client(HttpPost http) {
        this.http = http;
    }

    /** An m-send.req (MMS 1.2) with a multipart/mixed body. */
    public static byte[] sendReq(String transactionId, FromAddress from, List<String> to, String subject,
                                 List<MmsPart> parts) {
        return Mm1Encoder.encode(MmsPdus.sendReq(transactionId, MmsPdus.MMS_1_2, from, to, subject,
                ContentType.of(ContentType.MULTIPART_MIXED), parts));
    }

    /** A text/plain; charset=utf-8 part. */
    public static MmsPart text(String text) {
        return MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "text", "text.txt",
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * POSTs the PDU.
     *
     * @param headers extra request headers, e.g. the MSISDN header a WAP gateway adds
     * @throws Unreachable when no connection could be made
     */
    public Answer submit(URI url, byte[] pdu, Map<String, String> headers)
            throws Unreachable, IOException, InterruptedException {
        HttpResponse<byte[]> r = http.post(url, CONTENT_TYPE, pdu, headers);
        return new Answer(r.statusCode(), r.statusCode() == 200 ? new Mm1Decoder().decode(r.body()) : null);
    }
}
