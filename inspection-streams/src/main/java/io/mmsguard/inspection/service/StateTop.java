package io.mmsguard.inspection.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdState;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import io.mmsguard.inspection.threshold.ThresholdStateCodec;
import io.mmsguard.inspection.threshold.ThresholdView;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.StateKeys;
import io.mmsguard.service.AdminAuth;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitors (issue 18; FortiOS's flood and duplicate lists): the keys of one interface with the highest counts,
 * each with its count per threshold of the profile, whether it is flagged or blocked and until when. Each instance
 * scans the active partitions of its own store once, keeping only the best {@code limit} in a heap; the instance
 * asked merges its own with every other instance's (found through the group's {@code application.server}s). An
 * instance that does not answer, or a store that is not queryable (rebalancing), makes the answer {@code partial}
 * with the reason, never an error: the operator still sees what the others hold.
 */
final class StateTop {
    private static final Logger LOG = LoggerFactory.getLogger(StateTop.class);
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 10;
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(5);

    /** Highest count first; at equal counts blocked keys first; then by key, so that the order is stable. */
    static final Comparator<TopEntry> ORDER = Comparator.comparingLong(TopEntry::count).reversed()
            .thenComparing(TopEntry::blocked, Comparator.reverseOrder())
            .thenComparing(TopEntry::key);

    record Query(StateQueries.Kind kind, MmsInterface mmsInterface, int limit, String profile, Instant at) {
        Query {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", not " + limit);
            }
        }
    }

    /** One key as the thresholds see it; {@code owner} is the instance whose store holds it. */
    record TopEntry(String key, String owner, List<ThresholdView> views) {
        long count() {
            return views.stream().mapToLong(ThresholdView::count).max().orElse(0);
        }

        boolean blocked() {
            return views.stream().anyMatch(ThresholdView::blocked);
        }

        boolean active() {
            return count() > 0 || blocked();
        }
    }

    /** What one instance contributed: its entries, or why it could not. */
    record InstancePart(String instance, List<TopEntry> entries, String error) {
    }

    private final KafkaStreams streams;
    private final RuleBook rules;
    private final HostInfo self;
    private final AdminAuth auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StateTop(KafkaStreams streams, RuleBook rules, HostInfo self, AdminAuth auth) {
        this.streams = streams;
        this.rules = rules;
        this.self = self;
        this.auth = auth;
    }

    StateQueries.Answer answer(Query q, boolean localOnly) throws InterruptedException {
        // The stores count per interface, not per profile: without a profile named, the limits shown are those of
        // the first profile in force with enabled thresholds of this kind on the interface (as explain lists them).
        Optional<Profile> chosen = q.profile() != null ? rules.find(q.profile())
                : rules.profileNames().stream().map(rules::profile)
                        .filter(p -> StateQueries.thresholds(p, q.kind(), q.mmsInterface()).stream()
                                .anyMatch(Threshold::enabled))
                        .findFirst();
        if (q.profile() != null && chosen.isEmpty()) {
            return Json.unknownProfile(q.profile(), rules.profileNames());
        }
        Profile profile = chosen.orElseGet(() -> rules.profile(null));
        List<InstancePart> parts = new ArrayList<>();
        parts.add(local(q, profile));
        if (!localOnly) {
            parts.addAll(others(q));
        }
        TopN<TopEntry> top = new TopN<>(q.limit(), ORDER);
        parts.forEach(p -> p.entries().forEach(top::offer));
        return new StateQueries.Answer(200, Json.top(q, profile.name(), parts, top.best()));
    }

    private InstancePart local(Query q, Profile profile) {
        String me = self.host() + ":" + self.port();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new InstancePart(me, List.of(), "Kafka Streams is " + streams.state());
        }
        var thresholds = StateQueries.thresholds(profile, q.kind(), q.mmsInterface());
        TopN<TopEntry> top = new TopN<>(q.limit(), ORDER);
        try {
            // Active partitions only: a standby's copy would count a key twice.
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(q.kind().store, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            String prefix = StateKeys.of(q.mmsInterface(), "");
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    ThresholdState state;
                    try {
                        state = ThresholdStateCodec.decode(kv.value);
                    } catch (RuntimeException e) {
                        // The stage logs, counts and resets such a key when it next sees it.
                        continue;
                    }
                    TopEntry entry = new TopEntry(kv.key.substring(prefix.length()), me,
                            ThresholdEvaluator.explain(state, q.at().toEpochMilli(),
                                    thresholds));
                    if (entry.active()) {
                        top.offer(entry);
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            return new InstancePart(me, List.of(), "store not queryable now (" + e.getMessage() + ")");
        }
        return new InstancePart(me, top.best(), null);
    }

    /** Every other instance's local top, asked at once; one that fails or is late is reported, not waited for. */
    private List<InstancePart> others(Query q) throws InterruptedException {
        Map<String, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            HostInfo host = m.hostInfo();
            if (host.equals(self)) {
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(host, q)).timeout(INSTANCE_TIMEOUT).GET();
            auth.authorization().ifPresent(a -> request.header("Authorization", a));
            asked.put(host.host() + ":" + host.port(),
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<InstancePart> parts = new ArrayList<>();
        long deadline = System.nanoTime() + INSTANCE_TIMEOUT.toNanos();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> e : asked.entrySet()) {
            String instance = e.getKey();
            try {
                HttpResponse<String> response = e.getValue()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                parts.add(response.statusCode() == 200 ? Json.topPart(instance, response.body())
                        : new InstancePart(instance, List.of(), "HTTP " + response.statusCode() + ": "
                                + Json.errorOf(response.body())));
            } catch (ExecutionException | TimeoutException | IOException ex) {
                Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
                e.getValue().cancel(true);
                LOG.warn("top {}: instance {} did not answer: {}", q.kind(), instance, cause.toString());
                parts.add(new InstancePart(instance, List.of(), "did not answer: " + cause));
            }
        }
        return parts;
    }

    private static URI uri(HostInfo host, Query q) {
        return URI.create("http://" + host.host() + ":" + host.port() + "/state/top?kind="
                + q.kind().name().toLowerCase() + "&interface=" + q.mmsInterface() + "&limit=" + q.limit()
                + (q.profile() == null ? "" : "&profile=" + URLEncoder.encode(q.profile(), StandardCharsets.UTF_8))
                + "&at=" + q.at().toEpochMilli() + "&local=true");
    }
}
