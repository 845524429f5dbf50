package io.mmsguard.deploy.cli;

import java.time.Instant;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;

/**
 * Which archive records a query wants; a null criterion matches everything. The time range is on receivedAt,
 * {@code since} inclusive and {@code until} exclusive, so that consecutive ranges do not overlap.
 */
record ArchiveFilter(String sender, String recipient, Instant since, Instant until, Verdict verdict, Reason reason) {

    boolean matches(ArchiveRecord r) {
        return (sender == null || sender.equals(r.getSender()))
                && (recipient == null || r.getRecipients().stream().anyMatch(x -> recipient.equals(x.getAddress())))
                && (since == null || !r.getReceivedAt().isBefore(since))
                && (until == null || r.getReceivedAt().isBefore(until))
                && (verdict == null || verdict == r.getVerdict())
                && (reason == null || reason == r.getReason());
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
        return b.isEmpty() ? "all" : b.toString();
    }

    private static void append(StringBuilder b, String option, Object value) {
        if (value != null) {
            b.append(b.isEmpty() ? "" : " ").append(option).append(' ').append(value);
        }
    }
}
