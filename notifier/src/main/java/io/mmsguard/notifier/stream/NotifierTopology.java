package io.mmsguard.notifier.stream;

import java.time.Clock;
import io.mmsguard.inspection.profile.ProfileCatalog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregation stage: mms.profiles into the {@link ProfileCatalog} (global store), mms.alerts through the
 * {@link NoticeAggregator} (persistent, changelogged store of notice windows), notices to mms.notices as JSON.
 */
public final class NotifierTopology {
    /** Store of {@code NoticeStateCodec} bytes per alert key. */
    public static final String NOTICE_STORE = "notice-windows";
    /** Store of the viruses tracked per sender ({@code VirusTracker.Tracked} bytes). */
    public static final String TRACKER_STORE = "sender-viruses";
    static final String PROFILES_STORE = "notifier-profiles";

    private NotifierTopology() {
    }

    public static Topology build(ProfileCatalog profiles, NotifierSerdes serdes, NotifierSettings settings,
                                 Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        // The catalog is the state; the (empty, unlogged) store only satisfies the global-store API. Kafka Streams
        // runs the processor for restored records as well, so the catalog is complete before alerts are processed.
        StoreBuilder<KeyValueStore<String, String>> profileStore = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PROFILES_STORE), Serdes.String(), Serdes.String()).withLoggingDisabled();
        builder.addGlobalStore(profileStore, settings.profilesTopic(),
                Consumed.with(Serdes.String(), serdes.profile()).withName("profiles-source"),
                () -> record -> profiles.update(record.key(), record.value()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NOTICE_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRACKER_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.stream(settings.alertsTopic(), Consumed.with(Serdes.String(), serdes.alert()).withName("alerts-source"))
                .process(() -> new NoticeAggregator(profiles, NOTICE_STORE, TRACKER_STORE,
                                settings.punctuation(), clock),
                        Named.as("aggregate"), NOTICE_STORE, TRACKER_STORE)
                .to(settings.noticesTopic(), Produced.with(Serdes.String(), serdes.notice()).withName("notices-sink"));
        return builder.build();
    }
}
