package io.mmsguard.schemas;

import java.util.Map;

/**
 * Default topic names (ARCHITECTURE.md); every service lets configuration override them. Code that reads or writes a
 * topic gets the name together with its serdes as a {@link Topic}: the contracts from {@link Contracts} through
 * {@link ContractTopics}, the notifier's JSON topics from its {@code NoticeTopics}.
 */
public final class Topics {
    public static final String INBOUND = "mms.inbound";
    public static final String DECISIONS = "mms.decisions";
    public static final String PROFILES = "mms.profiles";
    public static final String ENDPOINT_LISTS = "mms.endpoint-lists";
    public static final String ARCHIVE = "mms.archive";
    public static final String ALERTS = "mms.alerts";
    public static final String INSPECTION_LOG = "mms.inspection-log";
    /** Every applied version of every profile and endpoint list (append-only), for history and rollback. */
    public static final String CONFIG_AUDIT = "mms.config-audit";
    /**
     * Per profile or endpoint list and inspection instance, the version last read and whether it is in force (JSON,
     * compacted, written by the inspection service; {@code config apply} waits on it).
     */
    public static final String CONFIG_STATUS = "mms.config-status";
    /** Operators' orders to clear a sender's or a checksum's threshold state: append-only, the audit of resets. */
    public static final String STATE_RESETS = "mms.state-resets";
    /** A shadow profile's would-be decisions (never enforced), for {@code mmsguard shadow report}. */
    public static final String SHADOW_LOG = "mms.shadow-log";
    /** The notifier's own topic (JSON, key = alert key): notices from its aggregation to its delivery stage. */
    public static final String NOTICES = "mms.notices";
    /** Notices the notifier could not deliver (JSON), for operators to inspect and replay. */
    public static final String NOTICES_DEAD = "mms.notices-dead";

    /** The topic config naming who stamps a record's timestamp. */
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";

    private Topics() {
    }

    /**
     * What mms.inbound needs besides the content size ({@link MessageSize#contentTopicConfigs()}): the broker stamps
     * every envelope with its append time, the start of the session the topology judges expiry from
     * ({@code MmsEnvelope.sessionTimeoutMs}), and the time a gateway compares its clock with. A producer's timestamp
     * would trust the gateway's clock for both.
     */
    public static Map<String, String> inboundTopicConfigs() {
        return Map.of(TIMESTAMP_TYPE, "LogAppendTime");
    }
}
