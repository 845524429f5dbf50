package io.mmsguard.inspection.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.mmsguard.service.KafkaReachability;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the shadow application starts the first time it runs: at the end of mms.inbound as it is when the service
 * starts. A shadow judges the traffic from when it runs; Kafka Streams' own default (the earliest offset) would have an
 * upgraded deployment decode a week of envelopes, and judge old ones under whatever shadow is named by then. Pinning
 * the group's offsets before the shadow starts (rather than a "latest" reset policy, resolved only at the shadow's
 * first fetch) means every envelope appended after the service started is judged. A group that has committed offsets
 * already (a restart, another instance) is left alone.
 */
final class ShadowStartingPoint {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowStartingPoint.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ShadowStartingPoint() {
    }

    static void pinAtEnd(Map<String, ?> kafka, String groupId, String inbound) {
        try (Admin admin = Admin.create(KafkaReachability.adminProperties(kafka, groupId + "-start"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (committed.keySet().stream().anyMatch(tp -> tp.topic().equals(inbound))) {
                return;
            }
            List<TopicPartition> partitions = admin.describeTopics(List.of(inbound)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(inbound).partitions().stream()
                    .map(p -> new TopicPartition(inbound, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.alterConsumerGroupOffsets(groupId, ends.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset()))))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("shadow application {} starts at the end of {} ({} partitions)", groupId, inbound, ends.size());
        } catch (ExecutionException | TimeoutException e) {
            // Another instance's shadow is already in the group (it pinned the start), or Kafka did not answer:
            // the group's committed offsets, or Kafka Streams' default, decide.
            LOG.warn("shadow application {}: start offsets not pinned ({}); the group's committed offsets or the "
                    + "earliest offset apply", groupId, e.getCause() == null ? e : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
