package io.mmsguard.codec.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "Remove blocked" (FEATURES.md A7): drops leaves by index (as in {@link MailMessage#leaves()}) and adds one
 * replacement text part, keeping everything else byte for byte: headers, boundaries, preambles and the
 * transfer-encoded bodies of the parts that stay.
 *
 * <p>A multipart left without children is dropped too (an empty multipart is not valid MIME). The replacement
 * goes to the end of the root multipart; when the root itself is the removed leaf, the message keeps its header
 * and gets the replacement as its only body.
 */
public final class BlockedPartRemover {

    private static final String[] CONTENT_FIELDS = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
            "Content-ID", "Content-Location", "Content-Description", "Content-MD5", "Content-Length"};

    private BlockedPartRemover() {
    }

    public static MailMessage remove(MailMessage message, Set<Integer> leafIndexes, String replacementText) {
        int leafCount = message.leaves().size();
        for (int i : leafIndexes) {
            if (i < 0 || i >= leafCount) {
                throw new IllegalArgumentException("leaf index " + i + " out of range 0.." + (leafCount - 1));
            }
        }
        if (leafIndexes.isEmpty()) {
            return message;
        }
        LeafEntity replacement = MailEntities.text(replacementText);
        MailEntity root = message.root();
        if (root instanceof LeafEntity) {
            return new MailMessage(MailEntities.withLeadingHeaders(replacement, root.headers().without(CONTENT_FIELDS).fields()));
        }
        MailEntity pruned = prune(root, new HashSet<>(leafIndexes), new int[] {0});
        List<MailEntity> children = new ArrayList<>(pruned == null ? List.of() : ((MultipartEntity) pruned).children());
        children.add(replacement);
        return new MailMessage(((MultipartEntity) root).withChildren(children));
    }

    /** The entity without the removed leaves, or null when nothing of it remains. */
    private static MailEntity prune(MailEntity e, Set<Integer> removed, int[] counter) {
        if (e instanceof LeafEntity) {
            return removed.contains(counter[0]++) ? null : e;
        }
        MultipartEntity m = (MultipartEntity) e;
        List<MailEntity> kept = new ArrayList<>();
        for (MailEntity c : m.children()) {
            MailEntity p = prune(c, removed, counter);
            if (p != null) {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? null : m.withChildren(kept);
    }
}
