package io.mmsguard.inspection.scan;

import java.util.Optional;

/**
 * The detail of a finding about an archive member: the member's path, {@code ": "}, then what the scanner said
 * ({@code a.zip!/dir/x.exe: Eicar-Test-Signature}). One format for the inspection log, the decision and "explain",
 * and one way back to its two halves, for what compares the scanner's words alone (a virus name against the
 * profile's virusNotifications, a notice per virus). The scanner's words are after the last {@code ": "}: a virus or
 * file filter description never contains one, a member name may.
 */
public final class MemberEvidence {

    private static final String SEPARATOR = ": ";

    private MemberEvidence() {
    }

    public static String of(String path, String detail) {
        return detail == null ? path : path + SEPARATOR + detail;
    }

    /** The member path in front of a finding's detail, if it is about a member. */
    public static Optional<String> path(String detail) {
        if (detail == null || !detail.contains("!/")) {
            return Optional.empty();
        }
        int end = detail.lastIndexOf(SEPARATOR);
        return Optional.of(end < detail.indexOf("!/") ? detail : detail.substring(0, end));
    }

    /** What the scanner said, without a member path in front. */
    public static String finding(String detail) {
        Optional<String> path = path(detail);
        if (path.isEmpty()) {
            return detail;
        }
        return path.get().length() == detail.length() ? null : detail.substring(path.get().length() + SEPARATOR.length());
    }
}
