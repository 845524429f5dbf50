package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A bounded search of a topic for the records one question is about: every partition from the first offset whose
 * timestamp is at or after {@code since} (Kafka's offsetsForTimes) up to the end offsets taken when the search
 * starts, so that it ends even while the topic grows. The cost is every record written since {@code since}.
 */
final class TopicSearch {
    private static final Duration POLL = Duration.ofMillis(500);

    /** What was found, and how many records were read to find it. */
    record Result<T>(List<T> found, long scanned) {
    }

    private TopicSearch() {
    }

    /**
     * @param firstOnly stop at the first match (a session id names one message); otherwise read up to the end
     */
    static <T> Result<T> find(Connection connection, Topic<String, T> topic, Instant since, Predicate<T> match,
                              boolean firstOnly) {
        List<T> found = new ArrayList<>();
        long scanned = scan(connection, topic, since, null, r -> {
            if (match.test(r.value())) {
                found.add(r.value());
                return !firstOnly;
            }
            return true;
        });
        return new Result<>(found, scanned);
    }

    /** Told of each record read; false stops the scan. */
    interface Visitor<T> {
        boolean visit(ConsumerRecord<String, T> record);
    }

    /**
     * Every record (tombstones left out) appended from {@code since} up to {@code until} (exclusive; null: the end
     * offsets when the scan starts), each partition in offset order, the partitions interleaved as polled.
     *
     * @return the number of records read
     */
    static <T> long scan(Connection connection, Topic<String, T> topic, Instant since, Instant until,
                         Visitor<T> visitor) {
        long scanned = 0;
        try (KafkaConsumer<String, T> consumer = connection.consumer(topic)) {
            List<TopicPartition> partitions = CompactedTopic.partitions(consumer, topic.name(), connection);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = ends(consumer, partitions, until);
            seek(consumer, partitions, since, end);
            read:
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, T> r : consumer.poll(POLL)) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())) || r.value() == null) {
                        continue;
                    }
                    scanned++;
                    if (!visitor.visit(r)) {
                        break read;
                    }
                }
            }
        } catch (SerializationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decode a record on " + topic.name() + ": "
                    + e.getMessage(), e);
        }
        return scanned;
    }

    /**
     * As {@link #scan}, but the records across partitions in append-time order (ties by partition), each partition in
     * offset order: what a replay needs. At most {@code perPartition} records wait per partition (a partition holding
     * that many is paused), plus one fetch.
     */
    static <T> long scanInTimeOrder(Connection connection, Topic<String, T> topic, Instant since, Instant until,
                                    int perPartition, Visitor<T> visitor) {
        return scanInTimeOrder(connection, topic, since, until, perPartition, v -> true, visitor);
    }

    /**
     * As above, with only the records {@code keep} accepts entering the merge (the others are read and counted, not
     * held); a visitor that answers false ends the scan.
     *
     * @return the number of records read
     */
    static <T> long scanInTimeOrder(Connection connection, Topic<String, T> topic, Instant since, Instant until,
                                    int perPartition, Predicate<T> keep, Visitor<T> visitor) {
        long scanned = 0;
        try (KafkaConsumer<String, T> consumer = connection.consumer(topic)) {
            List<TopicPartition> partitions = new ArrayList<>(CompactedTopic.partitions(consumer, topic.name(),
                    connection));
            partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = ends(consumer, partitions, until);
            seek(consumer, partitions, since, end);
            TimeOrderedMerge<TopicPartition, ConsumerRecord<String, T>> merge =
                    new TimeOrderedMerge<>(partitions, perPartition);
            while (!merge.done()) {
                java.util.Set<TopicPartition> full = new java.util.HashSet<>();
                partitions.stream().filter(merge::full).forEach(full::add);
                if (!full.equals(consumer.paused())) {
                    consumer.resume(consumer.paused());
                    consumer.pause(full);
                }
                if (full.size() < partitions.size()) {
                    for (ConsumerRecord<String, T> r : consumer.poll(POLL)) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() < end.get(tp) && r.value() != null) {
                            scanned++;
                            if (keep.test(r.value())) {
                                merge.add(tp, r.timestamp(), r);
                            }
                        }
                    }
                }
                // Only once the batch is in the merge: a partition read to its end may have records in this batch.
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp) >= end.get(tp)) {
                        merge.ended(tp);
                    }
                }
                for (var next = merge.next(); next.isPresent(); next = merge.next()) {
                    if (!visitor.visit(next.get())) {
                        return scanned;
                    }
                }
            }
        } catch (SerializationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot decode a record on " + topic.name() + ": "
                    + e.getMessage(), e);
        }
        return scanned;
    }

    /** The end offsets now, or those of the first records at or after {@code until} when it is given. */
    private static Map<TopicPartition, Long> ends(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
                                                  Instant until) {
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        if (until != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, until.toEpochMilli()));
            consumer.offsetsForTimes(times).forEach((tp, at) -> {
                if (at != null) {
                    end.put(tp, Math.min(end.get(tp), at.offset()));
                }
            });
        }
        return end;
    }

    /**
     * Each partition to its first record with a timestamp at or after {@code since}, or to its end when it has none;
     * to the beginning when {@code since} is null.
     */
    static void seek(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Instant since,
                     Map<TopicPartition, Long> end) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            consumer.seek(tp, at == null ? end.get(tp) : at.offset());
        }
    }
}
