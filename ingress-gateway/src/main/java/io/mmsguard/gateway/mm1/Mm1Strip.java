package io.mmsguard.gateway.mm1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;

/**
 * Verdict STRIP on MM1: the PDU without the leaf parts the decision names (indexes into {@link MmsPdu#parts()},
 * depth first, as in the envelope), multiparts left empty removed, and a text/plain part with the replacement text
 * appended. Every other part stays as it was.
 */
final class Mm1Strip {

    private Mm1Strip() {
    }

    static MmsPdu strip(MmsPdu pdu, Set<Integer> leaves, String replacementText) {
        MmsPart replacement = replacementText == null || replacementText.isEmpty() ? null
                : MmsPart.of(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), "mmsguard-replacement",
                        "replacement.txt", replacementText.getBytes(StandardCharsets.UTF_8));
        if (pdu.isMultipart()) {
            List<MmsPart> kept = keep(pdu.multipart(), leaves, new int[1]);
            if (replacement != null) {
                kept.add(replacement);
            }
            return pdu.toBuilder().multipart(pdu.contentType(), kept).build();
        }
        if (pdu.singleBody() != null && leaves.contains(0)) {
            byte[] text = replacement == null ? new byte[0] : replacement.data();
            return pdu.toBuilder().singleBody(ContentType.of(ContentType.TEXT_PLAIN).with("charset", "utf-8"), text)
                    .build();
        }
        return pdu;
    }

    /** The parts not stripped; {@code next[0]} counts leaves as {@link MmsPdu#parts()} does. */
    private static List<MmsPart> keep(List<MmsPart> parts, Set<Integer> leaves, int[] next) {
        List<MmsPart> out = new ArrayList<>();
        for (MmsPart p : parts) {
            if (p.hasChildren()) {
                List<MmsPart> children = keep(p.children(), leaves, next);
                if (!children.isEmpty()) {
                    out.add(new MmsPart(p.contentType(), p.headers(), new byte[0], children));
                }
            } else if (!leaves.contains(next[0]++)) {
                out.add(p);
            }
        }
        return out;
    }
}
