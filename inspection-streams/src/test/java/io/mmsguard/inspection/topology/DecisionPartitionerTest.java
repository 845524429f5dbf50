package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.schemas.Topics;
import org.junit.jupiter.api.Test;

class DecisionPartitionerTest {
    private final AtomicInteger unroutable = new AtomicInteger();
    private final DecisionPartitioner partitioner = new DecisionPartitioner(unroutable::incrementAndGet);

    private static Decision decision(int replyPartition) {
        return Decision.newBuilder().setSessionId("s-1").setGatewayId("gw-2").setVerdict(Verdict.PASS)
                .setReason(Reason.values()[0]).setDecidedAt(Instant.EPOCH).setProfile("default").setProfileVersion(1)
                .setReplyPartition(replyPartition).build();
    }

    @Test
    void routesToExactlyThePartitionTheEnvelopeNamed() {
        assertThat(partitioner.partitions(Topics.DECISIONS, "s-1", decision(2), 4)).contains(Set.of(2));
        assertThat(partitioner.partitions(Topics.DECISIONS, "s-1", decision(0), 1)).contains(Set.of(0));
        assertThat(unroutable).hasValue(0);
    }

    @Test
    void aPartitionTheTopicDoesNotHaveIsNeitherWrittenNorBroadcastButCounted() {
        assertThat(partitioner.partitions(Topics.DECISIONS, "s-1", decision(4), 4)).isEqualTo(Optional.of(Set.of()));
        assertThat(partitioner.partitions(Topics.DECISIONS, "s-1", decision(-1), 4)).isEqualTo(Optional.of(Set.of()));
        assertThat(unroutable).hasValue(2);
    }
}
