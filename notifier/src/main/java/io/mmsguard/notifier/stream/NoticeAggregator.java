package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.NotificationRule;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.VirusTracker;
import io.mmsguard.schemas.profile.VirusNotificationList;
import io.mmsguard.notifier.NoticeStateCodec;
import io.mmsguard.notifier.NoticeWindow;
import io.mmsguard.notifier.NotificationRules;
import io.mmsguard.notifier.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates mms.alerts into notice streams ({@link NoticeStream}), one {@link NoticeWindow.State} per stream in the
 * persistent store {@code notice-windows} ({@link NoticeStateCodec} bytes):
 * <ul>
 *   <li>administrator streams per profile, interface and type, split per threshold for FLOOD and DUPLICATE;</li>
 *   <li>sender streams per infected sender and virus, for VIRUS alerts the inspection marked
 *       {@code senderNotifiable} while the rule still says {@code notifySender}. At most
 *       {@value VirusTracker#MAX_VIRUSES} viruses per sender are tracked (store {@code sender-viruses}); a fourth
 *       evicts the least recently seen one together with its stream and pending count (A17).</li>
 * </ul>
 * The interval is the one of the enabled rule for the alert's type in the profile's notification settings of the
 * alert's interface; without an enabled rule the alert is dropped, and so is a VIRUS alert whose virus is not on the
 * profile's antivirus notification list. The first event of a stream (or the first after a quiet interval)
 * forwards a notice at once; a wall-clock punctuation forwards the periodic notice of every stream that is due and
 * removes streams that have been quiet for a whole interval (the next event is notified at once, exactly as it
 * would be from the kept state).
 * <p>
 * "Now" for the sweep is the injected {@link Clock}, never the punctuation timestamp, so a test advances a clock
 * instead of waiting an interval. An event's time is the alert's {@code eventAt}. Under exactly-once the store
 * updates and the forwarded notices commit together, and the notice id is derived from the stream and the state's
 * last-notice time, so work redone after an aborted transaction yields the same ids.
 */
final class NoticeAggregator implements Processor<String, Alert, String, NoticeMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeAggregator.class);

    private final ProfileCatalog profiles;
    private final Duration punctuation;
    private final Clock clock;
    private ProcessorContext<String, NoticeMessage> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, byte[]> trackers;

    private NoticeAggregator(ProfileCatalog profiles, Duration punctuation, Clock clock) {
        this.profiles = profiles;
        this.punctuation = punctuation;
        this.clock = clock;
    }

    /**
     * The aggregator's processors with the two stores they own (Kafka Streams' {@code ConnectedStoreProvider}), so
     * the topology creates exactly the stores the processor reads. Persistent and changelogged: their names are the
     * changelog topics' and stay fixed across releases.
     */
    static ProcessorSupplier<String, Alert, String, NoticeMessage> supplier(ProfileCatalog profiles, Duration punctuation,
                                                                           Clock clock) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Alert, String, NoticeMessage> get() {
                return new NoticeAggregator(profiles, punctuation, clock);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(bytesStore(NotifierTopology.NOTICE_STORE), bytesStore(NotifierTopology.TRACKER_STORE));
            }
        };
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> bytesStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public void init(ProcessorContext<String, NoticeMessage> context) {
        this.context = context;
        this.store = context.getStateStore(NotifierTopology.NOTICE_STORE);
        this.trackers = context.getStateStore(NotifierTopology.TRACKER_STORE);
        context.schedule(punctuation, PunctuationType.WALL_CLOCK_TIME, ignored -> sweep());
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null || alert.getEventAt() == null) {
            return;
        }
        Optional<NotificationRule> rule = rule(alert.getProfile(), alert.getMmsInterface(), alert.getType());
        if (rule.isEmpty()) {
            return;
        }
        if (alert.getType() == NotificationType.VIRUS && !virusListed(alert)) {
            return;
        }
        Duration interval = NotificationRules.interval(rule.get());
        onEvent(NoticeStream.admin(alert), alert, interval);
        if (senderStreamWanted(alert, rule.get())) {
            NoticeStream stream = NoticeStream.senderOf(alert);
            track(stream);
            onEvent(stream, alert, interval);
        }
    }

    private boolean virusListed(Alert alert) {
        List<io.mmsguard.avro.VirusNotificationEntry> list =
                profiles.resolve(alert.getProfile()).source().getVirusNotifications();
        return VirusNotificationList.listed(list, alert.getVirusName());
    }

    private static boolean senderStreamWanted(Alert alert, NotificationRule rule) {
        return alert.getType() == NotificationType.VIRUS && alert.getSenderNotifiable() && rule.getNotifySender()
                && notBlank(alert.getSender()) && notBlank(alert.getVirusName());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private void onEvent(NoticeStream stream, Alert alert, Duration interval) {
        String key = stream.storeKey();
        NoticeWindow.Step step = NoticeWindow.onEvent(load(key), alert.getEventAt(), Math.max(1, alert.getCount()),
                Sample.of(alert), interval);
        store.put(key, NoticeStateCodec.encode(step.state()));
        step.emission().ifPresent(e -> forward(stream, step.state().lastNoticeAt(), e));
    }

    /** Records the stream's virus for its sender; evicts the least recently seen one beyond the limit. */
    private void track(NoticeStream stream) {
        String key = stream.trackerKey();
        VirusTracker.Observation seen = VirusTracker.observe(tracked(key), stream.virus());
        trackers.put(key, seen.tracked().encode());
        seen.evicted().ifPresent(virus -> {
            String evictedKey = stream.withVirus(virus).storeKey();
            NoticeWindow.State gone = load(evictedKey);
            store.delete(evictedKey);
            LOG.info("sender {}: virus {} no longer tracked (more than {} viruses); {} pending events dropped",
                    MsisdnLog.of(stream.sender()), virus, VirusTracker.MAX_VIRUSES, gone.pending());
        });
    }

    private VirusTracker.Tracked tracked(String key) {
        byte[] bytes = trackers.get(key);
        try {
            return bytes == null ? VirusTracker.Tracked.EMPTY : VirusTracker.Tracked.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable virus tracker of {} replaced: {}", key, e.getMessage());
            return VirusTracker.Tracked.EMPTY;
        }
    }

    /** Forwards the periodic notice of every stream that is due at the clock's now; removes quiet streams. */
    void sweep() {
        Instant now = clock.instant();
        List<KeyValue<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(entries::add);
        }
        for (KeyValue<String, byte[]> kv : entries) {
            NoticeWindow.State state;
            NoticeStream stream;
            try {
                state = NoticeStateCodec.decode(kv.value);
                stream = NoticeStream.parse(kv.key);
            } catch (IllegalArgumentException e) {
                LOG.warn("dropping unreadable notice state of {}: {}", kv.key, e.getMessage());
                store.delete(kv.key);
                continue;
            }
            Optional<NotificationRule> rule = rule(stream.profile(), stream.mmsInterface(), stream.type())
                    .filter(r -> !stream.toSender() || r.getNotifySender());
            if (rule.isEmpty()) {
                LOG.info("{}: no enabled rule any more; {} pending events not notified", kv.key, state.pending());
                remove(stream);
                continue;
            }
            Duration interval = NotificationRules.interval(rule.get());
            if (!state.hasPending()) {
                if (state.lastNoticeAt() == null || !now.isBefore(state.lastNoticeAt().plus(interval))) {
                    remove(stream);
                }
                continue;
            }
            NoticeWindow.Flush flush = NoticeWindow.flush(state, now, interval);
            if (flush.emission().isPresent()) {
                store.put(kv.key, NoticeStateCodec.encode(flush.state()));
                forward(stream, now, flush.emission().get());
            }
        }
    }

    private void remove(NoticeStream stream) {
        store.delete(stream.storeKey());
        if (stream.toSender()) {
            String key = stream.trackerKey();
            VirusTracker.Tracked rest = tracked(key).without(stream.virus());
            if (rest.viruses().isEmpty()) {
                trackers.delete(key);
            } else {
                trackers.put(key, rest.encode());
            }
        }
    }

    private Optional<NotificationRule> rule(String profile, MmsInterface mmsInterface, NotificationType type) {
        return NotificationRules.enabledRule(profiles.resolve(profile).settings(mmsInterface).getNotification(), type);
    }

    private NoticeWindow.State load(String key) {
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return NoticeWindow.State.EMPTY;
        }
        try {
            return NoticeStateCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable notice state of {} replaced: {}", key, e.getMessage());
            return NoticeWindow.State.EMPTY;
        }
    }

    private void forward(NoticeStream stream, Instant emittedAt, NoticeWindow.Emission emission) {
        Notice notice = Notice.of(stream.type(), stream.profile(), stream.mmsInterface(), emission);
        context.forward(new Record<>(stream.alertKey(), NoticeMessage.of(stream, emittedAt, notice),
                emittedAt.toEpochMilli()));
    }
}
