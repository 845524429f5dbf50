package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.inspection.backtest.InboundRecord;
import io.mmsguard.inspection.backtest.Recorded;
import io.mmsguard.inspection.backtest.RuleChange;
import io.mmsguard.inspection.backtest.RuleTimeline;
import io.mmsguard.schemas.Contracts;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a backtest reads, with plain consumers from timestamps (never a Kafka Streams application, never the live
 * state): the recorded envelopes, the rules over time (mms.config-audit, mms.state-resets) and, to verify, what the
 * live topology recorded.
 */
final class BacktestSources {
    /** How long after a message's append its decision is recorded at the latest: well past any session timeout. */
    static final Duration RECORDED_AFTER = Duration.ofMinutes(5);
    /** Envelopes waiting per partition for the time-ordered merge (each with its content). */
    private static final int PER_PARTITION = 200;

    private final Connection connection;
    private final int maxMessages;

    BacktestSources(Connection connection, int maxMessages) {
        this.connection = connection;
        this.maxMessages = maxMessages;
    }

    /**
     * mms.inbound between the two times, as the broker appended it, given one by one in replay order (append time,
     * partition, offset) while it is read.
     *
     * @return how many records were read
     */
    long inbound(String topic, Instant since, Instant until, java.util.function.Consumer<InboundRecord> each) {
        long[] read = {0};
        TopicSearch.scanInTimeOrder(connection, connection.topic(Contracts.INBOUND, topic), since, until,
                PER_PARTITION, r -> {
                    limit(read[0]++, topic);
                    each.accept(new InboundRecord(r.value(), r.timestamp(), r.partition(), r.offset()));
                    return true;
                });
        return read[0];
    }

    /**
     * mms.archive records of messages received between the two times, as envelopes. Only FULL records hold what the
     * stages read (every part's content); anything else is refused, naming what was found.
     */
    List<InboundRecord> archive(String topic, Instant since, Instant until) {
        Map<String, InboundRecord> bySession = new LinkedHashMap<>();
        Map<ArchiveKind, Long> refused = new HashMap<>();
        long[] encrypted = {0};
        // Archive records are written when decided, a little after receipt: read a minute past --until.
        TopicSearch.scan(connection, connection.topic(Contracts.ARCHIVE, topic), since, until.plusSeconds(60), r -> {
            ArchiveRecord a = r.value();
            if (a.getReceivedAt().isBefore(since) || !a.getReceivedAt().isBefore(until)) {
                return true;
            }
            if (a.getKind() != ArchiveKind.FULL) {
                refused.merge(a.getKind(), 1L, Long::sum);
                return true;
            }
            if (a.getEncryptedContent() != null) {
                encrypted[0]++;
                return true;
            }
            limit(bySession.size(), topic);
            bySession.putIfAbsent(a.getSessionId(), new InboundRecord(envelope(a), a.getReceivedAt().toEpochMilli(),
                    r.partition(), r.offset()));
            return true;
        });
        refused.keySet().removeIf(k -> k == ArchiveKind.QUARANTINE);
        if (!refused.isEmpty() || encrypted[0] > 0) {
            throw new CliException(ExitCodes.FAILED, "--from " + topic + " needs every message archived FULL with"
                    + " its content in the clear; between " + since + " and " + until + " there are "
                    + (refused.isEmpty() ? "" : refused + " record(s) of other kinds (archive: FULL on every"
                    + " interface keeps the content)") + (encrypted[0] > 0 ? (refused.isEmpty() ? "" : " and ")
                    + encrypted[0] + " encrypted record(s) (not readable by backtest)" : "")
                    + "; replay from mms.inbound instead, within its retention");
        }
        if (bySession.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "--from " + topic + " needs every message archived FULL with its"
                    + " content; no message received between " + since + " and " + until + " was (archive: FULL on"
                    + " the interfaces keeps it); replay from mms.inbound instead, within its retention");
        }
        return List.copyOf(bySession.values());
    }

    /** The envelope the gateway published, as far as the stages read it (reply routing is not replayed). */
    private static MmsEnvelope envelope(ArchiveRecord a) {
        for (MmsPart p : a.getParts()) {
            if (p.getContent() == null && p.getSize() > 0) {
                throw new CliException(ExitCodes.FAILED, "archive record of session " + a.getSessionId()
                        + " has a part without content: the gateway did not send it inline, or it was not archived"
                        + " FULL; replay from mms.inbound instead");
            }
        }
        return MmsEnvelope.newBuilder().setSessionId(a.getSessionId()).setGatewayId("archive").setReplyPartition(0)
                .setMmsInterface(a.getMmsInterface()).setDirection(a.getDirection())
                .setTransactionId(a.getTransactionId()).setMessageId(a.getMessageId()).setSender(a.getSender())
                .setSenderRaw(a.getSenderRaw()).setRecipients(a.getRecipients()).setSubject(a.getSubject())
                .setContentType(a.getContentType()).setParts(a.getParts()).setOriginalSize(a.getOriginalSize())
                .setReceivedAt(a.getReceivedAt()).setTransport(a.getTransport()).setProfile(a.getProfile())
                .build();
    }

    /**
     * The versions the operators applied (mms.config-audit, each from its appliedAt) and the resets they wrote
     * between the two times (mms.state-resets, each from its append time).
     */
    RuleTimeline live(String auditTopic, String resetsTopic, Instant since, Instant until) {
        List<RuleChange> changes = new ArrayList<>();
        for (ConfigAuditRecord v : ConfigAuditLog.read(connection, auditTopic, Optional.empty(), Optional.empty())) {
            long at = v.getAppliedAt().toEpochMilli();
            if (v.getProfile() != null) {
                changes.add(new RuleChange.Profile(at, v.getProfile()));
            } else if (v.getEndpointList() != null) {
                changes.add(new RuleChange.List(at, v.getEndpointList()));
            }
        }
        TopicSearch.scan(connection, connection.topic(Contracts.STATE_RESETS, resetsTopic), since, until, r -> {
            changes.add(new RuleChange.Reset(r.timestamp(), r.value()));
            return true;
        });
        return new RuleTimeline(changes);
    }

    /**
     * What was recorded per session between {@code since} and {@code until} plus {@link #RECORDED_AFTER} (a message
     * appended just before {@code until} is decided after it): the inspection log first, then decisions still
     * retained.
     */
    Recorded.Read recorded(String logTopic, String decisionsTopic, Instant since, Instant until) {
        Map<String, Recorded> bySession = new HashMap<>();
        Instant last = until.plus(RECORDED_AFTER);
        long logs = TopicSearch.scan(connection, connection.topic(Contracts.INSPECTION_LOG, logTopic), since, last,
                r -> {
                    bySession.put(r.value().getSessionId(), Recorded.of(r.value(), logTopic));
                    return true;
                });
        long decisions = TopicSearch.scan(connection, connection.topic(Contracts.DECISIONS, decisionsTopic), since,
                last, r -> {
                    bySession.putIfAbsent(r.value().getSessionId(), Recorded.of(r.value(), decisionsTopic));
                    return true;
                });
        return new Recorded.Read(bySession, logs, decisions);
    }

    /**
     * From when the topic holds every record it was given: the newest first timestamp of the partitions that
     * retention has cut (their first offset is not 0); the epoch when none has been cut.
     */
    Instant retainedFrom(String topicName) {
        return firsts(topicName).stream().filter(f -> f.offset() > 0).map(First::timestamp).max(Long::compare)
                .map(Instant::ofEpochMilli).orElse(Instant.EPOCH);
    }

    /** The oldest record's append time on the topic; null when it is empty. */
    Instant oldest(String topicName) {
        return firsts(topicName).stream().map(First::timestamp).min(Long::compare).map(Instant::ofEpochMilli)
                .orElse(null);
    }

    /** @param offset the partition's first offset: above 0 once retention has deleted records */
    private record First(long offset, long timestamp) {
    }

    /** Each non-empty partition's first offset and first record's append time (values are not decoded). */
    private List<First> firsts(String topicName) {
        try (KafkaConsumer<String, String> consumer = connection.textConsumer()) {
            List<TopicPartition> partitions = CompactedTopic.partitions(consumer, topicName, connection);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> holding = partitions.stream().filter(tp -> end.get(tp) > begin.get(tp)).toList();
            consumer.assign(holding);
            consumer.seekToBeginning(holding);
            Map<TopicPartition, First> first = new HashMap<>();
            long deadline = System.nanoTime() + Connection.TIMEOUT.toNanos();
            while (first.size() < holding.size() && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(r -> first.putIfAbsent(
                        new TopicPartition(r.topic(), r.partition()),
                        new First(begin.get(new TopicPartition(r.topic(), r.partition())), r.timestamp())));
            }
            return List.copyOf(first.values());
        }
    }

    private void limit(long read, String topic) {
        if (read >= maxMessages) {
            throw new CliException(ExitCodes.FAILED, "more than " + maxMessages + " messages on " + topic
                    + " in the period (--max-messages bounds the memory a backtest holds, about 2 kB a message from"
                    + " mms.inbound, the whole message from mms.archive): narrow --since/--until");
        }
    }
}
