package io.mmsguard.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import io.mmsguard.schemas.MessageSize;

/**
 * Baseline (a), the floor the pipeline can approach: the client produces a record of the message's size (random
 * bytes, keyed by the message id) to a request topic with 3 partitions (as mms.inbound), a pass-through Kafka Streams
 * app with the pipeline's processing guarantee, commit interval and thread count answers each with a small PASS
 * record under the same key on a reply topic with one partition (as mms.decisions), and a read_committed consumer
 * (as the gateway's decision listener) matches replies by key. No Avro, no registry, no inspection, no protocol.
 */
final class KafkaRequestReply implements Target {
    private static final byte[] PASS = "PASS".getBytes(StandardCharsets.US_ASCII);
    private static final String REQUESTS = "bench.load.requests";
    private static final String REPLIES = "bench.load.replies";

    private final KafkaStreams streams;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final Thread replies;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;

    KafkaRequestReply(String bootstrap, Admin admin, LoadOptions o, java.nio.file.Path stateDir)
            throws Exception {
        admin.createTopics(List.of(new NewTopic(REQUESTS, 3, (short) 1), new NewTopic(REPLIES, 1, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-load-passthrough");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, o.guarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, o.commitIntervalMs);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, o.streamThreads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(REQUESTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(v -> PASS)
                .to(REPLIES, Produced.with(Serdes.String(), Serdes.ByteArray()));
        streams = new KafkaStreams(builder.build(), p);
        streams.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("pass-through app not running: " + streams.state());
            }
            Thread.sleep(20);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MessageSize.MAX_RECORD_BYTES), new StringSerializer(),
                new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer());
        replies = new Thread(this::readReplies, "load-kafka-replies");
        replies.setDaemon(true);
        replies.start();
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reply consumer not positioned");
        }
    }

    @Override
    public CompletableFuture<Outcome> send(TrafficPlan.Planned m) {
        String key = LoadMessages.id(m);
        byte[] value = new byte[m.size()];
        new SplittableRandom(m.contentSeed()).nextBytes(value);
        CompletableFuture<Outcome> reply = new CompletableFuture<>();
        pending.put(key, reply);
        producer.send(new ProducerRecord<>(REQUESTS, key, value), (meta, e) -> {
            if (e != null && pending.remove(key) != null) {
                reply.complete(Outcome.error(e.toString()));
            }
        });
        return reply.whenComplete((o, e) -> pending.remove(key));
    }

    private void readReplies() {
        try {
            TopicPartition tp = new TopicPartition(REPLIES, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<Outcome> f = r.key() == null ? null : pending.remove(r.key());
                    if (f != null) {
                        f.complete(Outcome.passed());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            replies.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        streams.close(Duration.ofSeconds(30));
    }
}
