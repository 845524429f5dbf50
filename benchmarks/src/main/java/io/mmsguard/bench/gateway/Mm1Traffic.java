package io.mmsguard.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdus;

/** m-send.req PDUs of about {@code size} bytes, each different, with the insert-address token as handsets send. */
final class Mm1Traffic {
    private final Random random = new Random(7);
    private final int size;

    Mm1Traffic(int size) {
        this.size = size;
    }

    byte[] sendReq(int n) {
        byte[] smil = "<smil><body><par><img src=\"photo.jpg\"/><text src=\"text.txt\"/></par></body></smil>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] text = ("see you at " + n + " o'clock").getBytes(StandardCharsets.UTF_8);
        byte[] image = new byte[Math.max(0, size - smil.length - text.length - 200)];
        random.nextBytes(image);
        List<MmsPart> parts = List.of(
                MmsPart.of(ContentType.of(ContentType.SMIL), "smil", "smil.xml", smil),
                MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "text", "text.txt", text),
                MmsPart.of(ContentType.of("image/jpeg"), "photo", "photo.jpg", image));
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("start", "<smil>")
                .with("type", ContentType.SMIL);
        return Mm1Encoder.encode(MmsPdus.sendReq("T-" + n, MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of("+15550100002/TYPE=PLMN"), "photo " + n, related, parts));
    }
}
