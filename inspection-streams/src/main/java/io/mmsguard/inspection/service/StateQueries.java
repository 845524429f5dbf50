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
import java.util.List;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.profile.InterfacePolicy;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import io.mmsguard.inspection.threshold.ThresholdState;
import io.mmsguard.inspection.threshold.ThresholdStateCodec;
import io.mmsguard.inspection.threshold.ThresholdView;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.StateKeys;
import io.mmsguard.service.AdminAuth;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * FEATURES.md A20/C3: the state of one sender (flood) or checksum (duplicate) as the thresholds see it: count per
 * enabled threshold, whether it is flagged, and an active block with its end. The key's owner answers from its
 * RocksDB store; any other instance forwards the question to the owner's {@code application.server}.
 */
final class StateQueries {

    enum Kind {
        FLOOD(InspectionTopology.FLOOD_STORE), DUPLICATE(InspectionTopology.DUPLICATE_STORE);

        final String store;

        Kind(String store) {
            this.store = store;
        }
    }

    record Query(Kind kind, MmsInterface mmsInterface, String key, String profile, Instant at) {
    }

    /** The answer; {@code status} is the HTTP status, {@code json} the body. */
    record Answer(int status, String json) {
    }

    private final KafkaStreams streams;
    private final RuleBook rules;
    private final HostInfo self;
    private final AdminAuth auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StateQueries(KafkaStreams streams, RuleBook rules, HostInfo self, AdminAuth auth) {
        this.streams = streams;
        this.rules = rules;
        this.self = self;
        this.auth = auth;
    }

    Answer answer(Query q, boolean forwarded) throws IOException, InterruptedException {
        KeyQueryMetadata meta = streams.queryMetadataForKey(q.kind().store, q.key(), Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Json.error(503, "the owner of this key is not known yet (rebalancing or starting)");
        }
        if (!meta.activeHost().equals(self)) {
            if (forwarded) {
                return Json.error(503, "ownership moved while forwarding; ask again");
            }
            return forward(meta.activeHost(), q);
        }
        ThresholdState state;
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(q.kind().store, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(meta.partition()));
            byte[] bytes = store.get(StateKeys.of(q.mmsInterface(), q.key()));
            state = bytes == null ? ThresholdState.EMPTY : ThresholdStateCodec.decode(bytes);
        } catch (InvalidStateStoreException e) {
            return Json.error(503, "store not queryable now (" + e.getMessage() + ")");
        }
        Profile profile = rules.profile(q.profile());
        List<ThresholdView> views = ThresholdEvaluator.explain(state, q.at().toEpochMilli(),
                thresholds(profile, q.kind(), q.mmsInterface()));
        return new Answer(200, Json.state(q, profile.name(), self, meta.partition(), views));
    }

    /** The thresholds of the profile that count this kind of state on the interface. */
    static List<Threshold> thresholds(Profile profile, Kind kind, MmsInterface mmsInterface) {
        InterfacePolicy policy = profile.policy(mmsInterface);
        return kind == Kind.FLOOD ? policy.flood() : policy.duplicate();
    }

    private Answer forward(HostInfo owner, Query q) throws IOException, InterruptedException {
        String uri = "http://" + owner.host() + ":" + owner.port() + "/state/" + q.kind().name().toLowerCase()
                + "?interface=" + q.mmsInterface() + "&key=" + enc(q.key())
                // profile is optional (the default profile answers); URLEncoder throws on null
                + (q.profile() == null ? "" : "&profile=" + enc(q.profile()))
                + "&at=" + q.at().toEpochMilli() + "&forwarded=true";
        // Every instance holds the same token: the owner asks for it like any other caller.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).GET();
        auth.authorization().ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
