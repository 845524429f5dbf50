package io.mmsguard.notifier.stream;

import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The notifier's own topics, declared once like the contracts ({@code Contracts}) but with JSON values, which need
 * no registry: {@link Topic#named} gives them the configured names.
 */
public final class NoticeTopics {
    /** Notices from the aggregation to the delivery stage, keyed by alert key. */
    public static final Topic<String, NoticeMessage> NOTICES =
            new Topic<>(Topics.NOTICES, Serdes.String(), new NoticeMessageSerde());
    /** Notices the delivery stage gave up on: the notice, recipient and error as a JSON document. */
    public static final Topic<String, String> NOTICES_DEAD =
            new Topic<>(Topics.NOTICES_DEAD, Serdes.String(), Serdes.String());

    private NoticeTopics() {
    }
}
