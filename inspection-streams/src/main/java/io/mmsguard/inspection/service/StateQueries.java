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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.profile.InterfacePolicy;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.threshold.Outcome;
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
 * enabled threshold, whether it is flagged, an active block with its end, and whether the next message would be
 * blocked ({@link ThresholdEvaluator#next}, the topology's own evaluation). The key's owner answers from its
 * RocksDB store; any other instance forwards the question to the owner's {@code application.server}.
 *
 * <p>The stores count per interface, not per profile: every profile a listener of that interface names judges the
 * same count. So a question that names both the interface and the profile gets that one view; one that leaves
 * either out gets a view for each profile in force with enabled thresholds of that kind on each interface asked,
 * which is how an operator finds the profile in force without knowing the gateways' listener settings. A named
 * profile that is not in force is an error that lists those that are, never the {@code default} profile's view.
 */
final class StateQueries {

    enum Kind {
        FLOOD(InspectionTopology.FLOOD_STORE), DUPLICATE(InspectionTopology.DUPLICATE_STORE);

        final String store;

        Kind(String store) {
            this.store = store;
        }

        List<Threshold> thresholds(InterfacePolicy policy) {
            return this == FLOOD ? policy.flood() : policy.duplicate();
        }
    }

    /**
     * @param mmsInterface null for every interface
     * @param profile      null for every profile in force
     */
    record Query(Kind kind, MmsInterface mmsInterface, String key, String profile, Instant at) {

        /** One interface and one profile: the answer is that one view. */
        boolean single() {
            return mmsInterface != null && profile != null;
        }
    }

    /**
     * The key under one profile on one interface.
     *
     * @param hasState whether the store holds anything for the key on this interface
     * @param next     what the next message would get
     */
    record View(MmsInterface mmsInterface, String profile, boolean hasState, List<ThresholdView> thresholds,
                Outcome next) {
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
        if (q.profile() != null && rules.find(q.profile()).isEmpty()) {
            return Json.unknownProfile(q.profile(), rules.profileNames());
        }
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
        List<View> views = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(q.kind().store, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(meta.partition()));
            for (MmsInterface mmsInterface : interfaces(q)) {
                byte[] bytes = store.get(StateKeys.of(mmsInterface, q.key()));
                ThresholdState state = bytes == null ? ThresholdState.EMPTY : ThresholdStateCodec.decode(bytes);
                for (String name : profiles(q)) {
                    Profile profile = rules.profile(name);
                    List<Threshold> thresholds = q.kind().thresholds(profile.policy(mmsInterface));
                    if (q.single() || thresholds.stream().anyMatch(Threshold::enabled)) {
                        long at = q.at().toEpochMilli();
                        views.add(new View(mmsInterface, profile.name(), bytes != null,
                                ThresholdEvaluator.explain(state, at, thresholds),
                                ThresholdEvaluator.next(state, at, thresholds)));
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            return Json.error(503, "store not queryable now (" + e.getMessage() + ")");
        }
        return new Answer(200, q.single() ? Json.state(q, self, meta.partition(), views.get(0))
                : Json.states(q, self, meta.partition(), rules.profileNames(), views));
    }

    private static List<MmsInterface> interfaces(Query q) {
        return q.mmsInterface() != null ? List.of(q.mmsInterface())
                : Arrays.stream(MmsInterface.values()).filter(i -> i != MmsInterface.UNKNOWN).toList();
    }

    private Collection<String> profiles(Query q) {
        return q.profile() != null ? List.of(q.profile()) : rules.profileNames();
    }

    /** The thresholds of the profile that count this kind of state on the interface. */
    static List<Threshold> thresholds(Profile profile, Kind kind, MmsInterface mmsInterface) {
        return kind.thresholds(profile.policy(mmsInterface));
    }

    private Answer forward(HostInfo owner, Query q) throws IOException, InterruptedException {
        String uri = "http://" + owner.host() + ":" + owner.port() + "/state/" + q.kind().name().toLowerCase()
                + "?key=" + enc(q.key())
                // interface and profile are optional (every one answers); URLEncoder throws on null
                + (q.mmsInterface() == null ? "" : "&interface=" + q.mmsInterface())
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
