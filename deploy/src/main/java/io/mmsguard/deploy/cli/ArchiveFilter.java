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
}
