package io.mmsguard.gateway.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's read-only view of mms.profiles: what it needs before the topology answers (fail-open, client
 * comfort, where the sender's MSISDN comes from). The whole compacted topic is read from the beginning and followed;
 * an unknown or deleted profile reads as the schema defaults, which are fail-closed.
 */
public final class ProfileView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileView.class);
    private static final MmsProfile DEFAULTS = MmsProfile.newBuilder().setName("default").build();

    private final Map<String, MmsProfile> profiles = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, MmsProfile> consumer;
    private final Topic<String, MmsProfile> topic;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public ProfileView(Map<String, String> kafka, Topic<String, MmsProfile> topic) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "profile-view");
        this.thread.setDaemon(true);
    }

    /** For tests and tools: a fixed set of profiles, no Kafka. */
    ProfileView(Map<String, MmsProfile> fixed) {
        this.profiles.putAll(fixed);
        this.consumer = null;
        this.topic = null;
        this.thread = null;
        caughtUp.countDown();
    }

    public static ProfileView fixed(Map<String, MmsProfile> profiles) {
        return new ProfileView(profiles);
    }

    public void start() {
        if (thread != null) {
            thread.start();
        }
    }

    /** Waits until the view has read the topic up to where it ended at start. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public MmsProfile profile(String name) {
        MmsProfile p = name == null ? null : profiles.get(name);
        return p != null ? p : profiles.getOrDefault("default", DEFAULTS);
    }

    public InterfaceSettings settings(String profile, MmsInterface mmsInterface) {
        MmsProfile p = profile(profile);
        return switch (mmsInterface) {
            case MM1 -> p.getMm1();
            case MM3 -> p.getMm3();
            case MM4 -> p.getMm4();
            case MM7 -> p.getMm7();
            default -> DEFAULTS.getMm1();
        };
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofMinutes(1))) {
                partitions.add(new TopicPartition(topic.name(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, MmsProfile> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.key() == null) {
                            continue;
                        }
                        if (r.value() == null) {
                            profiles.remove(r.key());
                        } else {
                            profiles.put(r.key(), r.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.error("profile view: unreadable record at {}@{} skipped: {}", e.topicPartition(), e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(en -> consumer.position(en.getKey()) >= en.getValue())) {
                    caughtUp.countDown();
                    LOG.info("profile view caught up: {} profiles", profiles.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("profile view stopped: {}; profiles stay as last read", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
