package io.mmsguard.notifier.stream;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.NotificationSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last profile per name from the compacted mms.profiles topic, held in memory. A global store processor
 * ({@link #updater()}) feeds it on every instance, for restored records too, so a restarted instance knows every
 * profile before it aggregates an alert. A null value (tombstone) deletes the profile; a name that is not known
 * falls back to the profile {@code default}. Thread-safe: the global thread writes, stream threads read.
 */
public final class ProfileBook {
    public static final String DEFAULT_PROFILE = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ProfileBook.class);

    private final Map<String, MmsProfile> profiles = new ConcurrentHashMap<>();

    /** Applies one record of mms.profiles: {@code profile} null deletes {@code name}. */
    public void update(String name, MmsProfile profile) {
        if (profile == null) {
            profiles.remove(name);
        } else {
            profiles.put(name, profile);
        }
    }

    /** The profile {@code name}, or {@code default} when that name is unknown; empty when neither exists. */
    public Optional<MmsProfile> profile(String name) {
        MmsProfile p = name == null ? null : profiles.get(name);
        return Optional.ofNullable(p != null ? p : profiles.get(DEFAULT_PROFILE));
    }

    /** The notification settings of {@code mmsInterface} in the profile {@code name} (see {@link #profile}). */
    public Optional<NotificationSettings> notification(String name, MmsInterface mmsInterface) {
        return profile(name).map(p -> switch (mmsInterface) {
            case MM1 -> p.getMm1();
            case MM3 -> p.getMm3();
            case MM4 -> p.getMm4();
            case MM7 -> p.getMm7();
            default -> null;
        }).map(s -> s.getNotification());
    }

    /** The processor of the global store on mms.profiles; it keeps nothing in the store itself. */
    Processor<String, MmsProfile, Void, Void> updater() {
        return new Processor<>() {
            @Override
            public void process(Record<String, MmsProfile> record) {
                if (record.key() == null) {
                    LOG.warn("profile record without a key ignored");
                    return;
                }
                update(record.key(), record.value());
            }
        };
    }
}
