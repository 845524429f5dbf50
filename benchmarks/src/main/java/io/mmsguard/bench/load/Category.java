package io.mmsguard.bench.load;

/** What a message is, and so how the benchmark profile must judge it. */
enum Category {
    /** Unique content from a sender that stays far below the flood limit: passes. */
    CLEAN,
    /** An EICAR attachment: blocked by the antivirus. */
    VIRUS,
    /** Banned words scoring over the profile's threshold: blocked. */
    SPAM,
    /** One of a burst from one sender: the first flood-limit of the burst pass, the rest are blocked. */
    FLOOD,
    /** One of a campaign of identical content from distinct senders: duplicate-limit pass, the rest are blocked. */
    DUPLICATE;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
