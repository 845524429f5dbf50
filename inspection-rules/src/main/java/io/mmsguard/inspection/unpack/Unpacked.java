package io.mmsguard.inspection.unpack;

import java.util.List;

/**
 * What {@link Unpacker} got out of one attachment.
 *
 * @param format  the attachment's own format; {@link PackedFormat#NONE} when it is not an archive (no members)
 * @param members every member at every level in the order they were read, nested archives included as members
 *                themselves; on a problem, those read before it
 * @param problem why unpacking stopped early, or null when every member was read
 * @param where   the path of the archive or member the problem is about, or null
 * @param detail  what a person reads in the log, or null
 */
public record Unpacked(PackedFormat format, List<UnpackedMember> members, UnpackProblem problem, String where,
                       String detail) {

    public Unpacked {
        members = List.copyOf(members);
    }

    public static Unpacked notPacked() {
        return new Unpacked(PackedFormat.NONE, List.of(), null, null, null);
    }

    /** Bytes inflated into the members kept. */
    public long inflated() {
        return members.stream().mapToLong(m -> m.content().length).sum();
    }

    public boolean complete() {
        return problem == null;
    }

    /** {@code a.zip!/b.zip: encrypted (entry x.exe)} */
    public String describe() {
        return problem == null ? format.name().toLowerCase() + ", " + members.size() + " members"
                : where + ": " + problem.tag() + (detail == null ? "" : " (" + detail + ")");
    }
}
