package io.mmsguard.analytics;

/**
 * The analysts' questions of docs/analytics.md over the {@link TopicTable#ARCHIVE} table, in Flink SQL (batch or
 * bounded streaming); the same text is in the docs, and a test runs it against what the topology archived.
 */
public enum ArchiveQuery {
    /** Blocked messages per hour of receipt (UTC) and reason. */
    BLOCKED_PER_HOUR_AND_REASON("""
            SELECT window_start AS `hour`, reason, COUNT(*) AS blocked
            FROM TABLE(TUMBLE(TABLE archive, DESCRIPTOR(receivedAt), INTERVAL '1' HOUR))
            WHERE verdict = 'BLOCK'
            GROUP BY window_start, window_end, reason
            ORDER BY `hour`, reason"""),

    /** The senders of the most messages blocked for a virus. */
    TOP_VIRUS_SENDERS("""
            SELECT sender, COUNT(*) AS viruses
            FROM archive
            WHERE reason = 'VIRUS'
            GROUP BY sender
            ORDER BY viruses DESC, sender
            LIMIT 10"""),

    /**
     * Every recipient of a duplicate campaign: all copies of each content (checksum) of which a copy was blocked as
     * a duplicate, the copies that passed below the limit included.
     */
    CAMPAIGN_RECIPIENTS("""
            SELECT SUBSTR(a.checksum, 1, 12) AS campaign, r.address AS recipient, a.sender, a.verdict
            FROM archive AS a
            CROSS JOIN UNNEST(a.recipients) AS r (address, kind, rawAddress)
            WHERE a.checksum IN (SELECT checksum FROM archive WHERE reason = 'DUPLICATE')
            ORDER BY campaign, recipient""");

    private final String sql;

    ArchiveQuery(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
