package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
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

    public static Topology build(ProfileCatalog profiles, ContractTopics contracts, NotifierSettings settings,
                                 Clock clock) {
        Topic<String, MmsProfile> profilesTopic = contracts.topic(Contracts.PROFILES, settings.profilesTopic());
        Topic<String, Alert> alerts = contracts.topic(Contracts.ALERTS, settings.alertsTopic());
        Topic<String, NoticeMessage> notices = NoticeTopics.NOTICES.named(settings.noticesTopic());
        StreamsBuilder builder = new StreamsBuilder();
        // The catalog is the state; the (empty, unlogged) store only satisfies the global-store API, which takes the
        // store apart from the processor. Kafka Streams runs the processor for restored records as well, so the
        // catalog is complete before alerts are processed.
        StoreBuilder<KeyValueStore<String, String>> profileStore = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PROFILES_STORE), Serdes.String(), Serdes.String()).withLoggingDisabled();
        builder.addGlobalStore(profileStore, profilesTopic.name(),
                Consumed.with(profilesTopic.keySerde(), profilesTopic.valueSerde()).withName("profiles-source"),
                () -> record -> profiles.update(record.key(), record.value()));
        builder.stream(alerts.name(), Consumed.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-source"))
                .process(NoticeAggregator.supplier(profiles, settings.punctuation(), clock), Named.as("aggregate"))
                .to(notices.name(), Produced.with(notices.keySerde(), notices.valueSerde()).withName("notices-sink"));
        return builder.build();
    }
}
