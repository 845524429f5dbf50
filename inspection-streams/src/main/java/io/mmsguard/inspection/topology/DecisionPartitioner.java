package io.mmsguard.inspection.topology;

import java.util.Optional;
import java.util.Set;

import io.mmsguard.avro.Decision;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each decision to the one partition of mms.decisions that its gateway reads (ARCHITECTURE.md, reply
 * routing): the partition the envelope named, carried in {@link Decision#getReplyPartition()}. Never broadcast.
 *
 * <p>A partition the topic does not have cannot reach its gateway; writing it elsewhere would hand the decision to
 * a gateway that holds no such session. It is therefore not written (empty set), logged with the session id, and
 * counted: the waiting gateway answers with its temporary failure at the timeout, which the peer retries.
 */
public final class DecisionPartitioner implements StreamPartitioner<String, Decision> {
    private static final Logger log = LoggerFactory.getLogger(DecisionPartitioner.class);
    private final Runnable onUnroutable;

    /** @param onUnroutable called once per decision that names a partition the topic does not have (a metric) */
    public DecisionPartitioner(Runnable onUnroutable) {
        this.onUnroutable = onUnroutable;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String sessionId, Decision decision, int numPartitions) {
        int partition = decision.getReplyPartition();
        if (partition >= 0 && partition < numPartitions) {
            return Optional.of(Set.of(partition));
        }
        log.error("decision for session {} names reply partition {} but {} has {} partition(s); not written",
                sessionId, partition, topic, numPartitions);
        onUnroutable.run();
        return Optional.of(Set.of());
    }
}
