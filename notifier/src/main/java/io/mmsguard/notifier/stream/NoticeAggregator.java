package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.notifier.Notice;
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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates mms.alerts per key {@code <profile>/<interface>/<type>} into one {@link NoticeWindow.State} per key
 * (persistent store, {@link NoticeStateCodec} bytes). The interval is the one of the enabled rule for the alert's
 * type in the profile's notification settings of the alert's interface; without an enabled rule the alert is
 * dropped. The first event (or the first after a quiet interval) forwards a notice at once; a wall-clock punctuation
 * forwards the periodic notice of every key whose pending count is due.
 * <p>
 * "Now" for the sweep is the injected {@link Clock}, never the punctuation timestamp, so a test advances a clock
 * instead of waiting an interval. An event's time is the alert's {@code eventAt}. Under exactly-once the store
 * update and the forwarded notice commit together.
 * <p>
 * A key whose type has no enabled rule any more when it is swept loses its pending count (the type is no longer
 * notified). The notice id is {@code key@<emission millis>}: the emission time is the state's last-notice time, so
 * it is reproduced identically if the work is redone after an aborted transaction.
 */
final class NoticeAggregator implements Processor<String, Alert, String, NoticeMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeAggregator.class);

    private final ProfileBook profiles;
    private final String storeName;
    private final Duration punctuation;
    private final Clock clock;
    private ProcessorContext<String, NoticeMessage> context;
    private KeyValueStore<String, byte[]> store;

    NoticeAggregator(ProfileBook profiles, String storeName, Duration punctuation, Clock clock) {
        this.profiles = profiles;
        this.storeName = storeName;
        this.punctuation = punctuation;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, NoticeMessage> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(punctuation, PunctuationType.WALL_CLOCK_TIME, ignored -> sweep());
    }

    /** The key the inspection topology writes for an alert. */
    static String keyOf(Alert alert) {
        return alert.getProfile() + "/" + alert.getMmsInterface() + "/" + alert.getType();
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        String key = record.key() != null ? record.key() : keyOf(alert);
        Optional<Duration> interval = interval(alert.getProfile(), alert.getMmsInterface(), alert.getType());
        if (interval.isEmpty()) {
            return;
        }
        NoticeWindow.State state = load(key);
        NoticeWindow.Step step = NoticeWindow.onEvent(state, alert.getEventAt(), Math.max(1, alert.getCount()),
                Sample.of(alert), interval.get());
        store.put(key, NoticeStateCodec.encode(step.state()));
        step.emission().ifPresent(e -> forward(key, step.state().lastNoticeAt(),
                Notice.of(alert.getType(), alert.getProfile(), alert.getMmsInterface(), e)));
    }

    /** Forwards the periodic notice of every key that is due at the clock's now. */
    void sweep() {
        Instant now = clock.instant();
        List<KeyValue<String, byte[]>> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(keys::add);
        }
        for (KeyValue<String, byte[]> kv : keys) {
            NoticeWindow.State state;
            ParsedKey k;
            try {
                state = NoticeStateCodec.decode(kv.value);
                k = ParsedKey.parse(kv.key);
            } catch (IllegalArgumentException e) {
                LOG.warn("dropping unreadable notice state of {}: {}", kv.key, e.getMessage());
                store.delete(kv.key);
                continue;
            }
            if (!state.hasPending()) {
                continue;
            }
            Optional<Duration> interval = interval(k.profile(), k.mmsInterface(), k.type());
            if (interval.isEmpty()) {
                LOG.info("{}: no enabled rule any more; {} pending events not notified", kv.key, state.pending());
                store.delete(kv.key);
                continue;
            }
            NoticeWindow.Flush flush = NoticeWindow.flush(state, now, interval.get());
            if (flush.emission().isPresent()) {
                store.put(kv.key, NoticeStateCodec.encode(flush.state()));
                forward(kv.key, now, Notice.of(k.type(), k.profile(), k.mmsInterface(), flush.emission().get()));
            }
        }
    }

    private Optional<Duration> interval(String profile, MmsInterface mmsInterface, NotificationType type) {
        return profiles.notification(profile, mmsInterface)
                .flatMap(s -> NotificationRules.enabledRule(s, type))
                .map(NotificationRules::interval);
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

    private void forward(String key, Instant emittedAt, Notice notice) {
        context.forward(new Record<>(key, NoticeMessage.of(key, emittedAt, notice), emittedAt.toEpochMilli()));
    }

    /** {@code <profile>/<interface>/<type>}, split from the right (a profile name may contain '/'). */
    record ParsedKey(String profile, MmsInterface mmsInterface, NotificationType type) {
        static ParsedKey parse(String key) {
            int t = key.lastIndexOf('/');
            int i = t <= 0 ? -1 : key.lastIndexOf('/', t - 1);
            if (i < 0) {
                throw new IllegalArgumentException("not <profile>/<interface>/<type>: " + key);
            }
            return new ParsedKey(key.substring(0, i), MmsInterface.valueOf(key.substring(i + 1, t)),
                    NotificationType.valueOf(key.substring(t + 1)));
        }
    }
}
