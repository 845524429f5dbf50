package io.mmsguard.deploy.cli;

import java.time.Instant;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.scan.MemberEvidence;

/**
 * Which archive records a query wants; a null criterion matches everything. The time range is on receivedAt,
 * {@code since} inclusive and {@code until} exclusive, so that consecutive ranges do not overlap. {@code virus} is a
 * signature name as the antivirus gave it (case aside), in a record blocked or stripped for VIRUS, whether the virus
 * was in a part or in an archive member ({@link MemberEvidence}).
 */
record ArchiveFilter(String sender, String recipient, Instant since, Instant until, Verdict verdict, Reason reason,
                     MmsInterface mmsInterface, Direction direction, String profile, String session,
                     String messageId, String checksum, String virus) {

    boolean matches(ArchiveRecord r) {
        return (sender == null || sender.equals(r.getSender()))
                && (recipient == null || r.getRecipients().stream().anyMatch(x -> recipient.equals(x.getAddress())))
                && (since == null || !r.getReceivedAt().isBefore(since))
                && (until == null || r.getReceivedAt().isBefore(until))
                && (verdict == null || verdict == r.getVerdict())
                && (reason == null || reason == r.getReason())
                && (mmsInterface == null || mmsInterface == r.getMmsInterface())
                && (direction == null || direction == r.getDirection())
                && (profile == null || profile.equals(r.getProfile()))
                && (session == null || session.equals(r.getSessionId()))
                && (messageId == null || messageId.equals(r.getMessageId()))
                && (checksum == null || checksum.equalsIgnoreCase(r.getChecksum()))
                && (virus == null || r.getReason() == Reason.VIRUS
                        && virus.equalsIgnoreCase(MemberEvidence.finding(r.getDetail())));
    }

    /** The criteria as the options that give them, e.g. {@code --sender +491701 --verdict BLOCK}; "all" when none. */
    String describe() {
        StringBuilder b = new StringBuilder();
        append(b, "--sender", sender);
        append(b, "--recipient", recipient);
        append(b, "--since", since);
        append(b, "--until", until);
        append(b, "--verdict", verdict);
        append(b, "--reason", reason);
        append(b, "--interface", mmsInterface);
        append(b, "--direction", direction);
        append(b, "--profile", profile);
        append(b, "--session", session);
        append(b, "--message-id", messageId);
        append(b, "--checksum", checksum);
        append(b, "--virus", virus);
        return b.isEmpty() ? "all" : b.toString();
    }

    private static void append(StringBuilder b, String option, Object value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : " ").append(option).append(' ').append(value);
        }
    }
}
