package io.mmsguard.gateway.mm7;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;

/** VASP requests for the MM7 tests, written by the codec (SOAP envelope and multipart/related content). */
public final class Mm7TestMessages {
    private Mm7TestMessages() {
    }

    public static MessagePart text(String s) {
        return new MessagePart("text/plain", "utf-8", null, "text", null, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A SubmitReq of VASP {@code vasp1} (service {@code svc}) from short code 12345 to +4790000002. */
    public static Mm7HttpMessage submit(String transactionId, String subject, MessagePart... parts) {
        return new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_6_MM7_1_4)
                .transactionId(transactionId).mm7Version("6.8.0").vaspId("vasp1").vasId("svc")
                .senderAddress(Mm7Address.shortCode("12345"))
                .recipients(Mm7Recipients.to(Mm7Address.number("+4790000002")))
                .subject(subject).contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(parts)).build());
    }
}
