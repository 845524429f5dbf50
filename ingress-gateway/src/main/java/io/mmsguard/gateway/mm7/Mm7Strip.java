package io.mmsguard.gateway.mm7;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A STRIP verdict on MM7: the request re-encoded without the parts the decision names (indexes into the envelope's
 * parts, i.e. {@link Mm7Message#allParts()}), with the replacement text as a text/plain part.
 *
 * <p>The codec re-encodes only what it models: elements it keeps as {@code otherElements} (DeliveryCondition,
 * ReplyCharging, Extension...) would be lost, and the MMSC would act on a different request than the VASP sent.
 * Such a request cannot be stripped faithfully and the caller blocks it instead; so is one where a part to strip is
 * embedded in another (a leaf of an attached mail, a uuencoded file): it cannot be cut out of the part carrying it.
 */
final class Mm7Strip {
    private static final Mm7Encoder ENCODER = new Mm7Encoder();
    static final String CONTENT_CID = "mmsguard-content";

    private Mm7Strip() {
    }

    /** The stripped request, or empty when it cannot be re-encoded without losing something else. */
    static Optional<Mm7HttpMessage> strip(Mm7Message request, List<Integer> partsToStrip, String replacementText) {
        if (!request.otherElements().isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> drop = new HashSet<>(partsToStrip);
        List<MessagePart> all = new ArrayList<>(request.content());
        all.addAll(request.unreferencedContent());
        if (drop.stream().anyMatch(i -> i >= all.size())) {
            return Optional.empty();
        }
        List<MessagePart> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!drop.contains(i)) {
                kept.add(all.get(i));
            }
        }
        if (replacementText != null && !replacementText.isEmpty()) {
            kept.add(new MessagePart("text/plain", "utf-8", "removed.txt", null, null,
                    replacementText.getBytes(StandardCharsets.UTF_8)));
        }
        Mm7ContentRef ref = request.contentRef();
        if (!kept.isEmpty() && (ref == null || ref.href() == null || !ref.href().startsWith("cid:"))) {
            ref = new Mm7ContentRef("cid:" + CONTENT_CID, ref == null ? null : ref.allowAdaptations());
        }
        Mm7Message stripped = request.toBuilder().content(kept).unreferencedContent(List.of()).embeddedContent(List.of())
                .contentRef(kept.isEmpty() ? null : ref).build();
        try {
            return Optional.of(ENCODER.encode(stripped));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
