package io.mmsguard.gateway.mm1;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.EncodedString;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.HeaderField;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;

/** Real PDUs for the MM1 tests, built with the codec, and the handset side of HTTP. */
public final class Mm1TestPdus {
    public static final String MMS = "application/vnd.wap.mms-message";
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** Only against hangs: no test asserts on time. */
    private static final java.time.Duration HANG_GUARD = java.time.Duration.ofMinutes(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Mm1TestPdus() {
    }

    public static MmsPart text(String id, String text) {
        return MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), id, id + ".txt",
                text.getBytes(StandardCharsets.UTF_8));
    }

    public static MmsPart binary(String id, String type, byte[] data) {
        return MmsPart.of(ContentType.of(type), id, id, data);
    }

    /** An m-send.req from {@code from} (an address, or the insert-address token when null) with these parts. */
    public static MmsPdu sendReq(String tid, String from, String subject, MmsPart... parts) {
        return MmsPdus.sendReq(tid, MmsPdus.MMS_1_2, from == null ? FromAddress.insertAddress()
                        : FromAddress.of(from), List.of("+436641000001/TYPE=PLMN"), subject,
                ContentType.of(ContentType.MULTIPART_MIXED), List.of(parts));
    }

    static MmsPdu retrieveConf(String tid, String from, MmsPart... parts) {
        return MmsPdu.builder(MessageType.RETRIEVE_CONF).set(HeaderField.TRANSACTION_ID, tid)
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).set(HeaderField.DATE, 1_700_000_000L)
                .set(HeaderField.FROM, FromAddress.of(from))
                .add(HeaderField.TO, EncodedString.of("+436641000001/TYPE=PLMN"))
                .multipart(ContentType.of(ContentType.MULTIPART_MIXED), List.of(parts)).build();
    }

    public static byte[] okConf(String tid) {
        return Mm1Encoder.encode(MmsPdus.sendConf(tid, MmsPdus.MMS_1_2, 0x80, (String) null, "msg-" + tid));
    }

    public static MmsPdu decode(byte[] bytes) {
        return new Mm1Decoder().decode(bytes);
    }

    public static HttpResponse<byte[]> post(URI uri, byte[] body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(HANG_GUARD).header("Content-Type", MMS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(HANG_GUARD).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
