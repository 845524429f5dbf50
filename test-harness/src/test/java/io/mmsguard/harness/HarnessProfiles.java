package io.mmsguard.harness;

import java.net.URI;

/** The profile files ({@code mmsguard config apply} format) the deployment tests apply. */
public final class HarnessProfiles {
    private static final String FLOOD_AND_VIRUS_NOTICES = """
            profiles:
              - name: default
                mm1:
                  flood:
                    - enabled: true
                      windowMinutes: %d
                      limit: %d
                      actions: [block, log]
            %s
                  notification:
                    rules:
                      - type: virus
                        enabled: true
                        notifySender: %b
                        interval: 1
                        intervalUnit: hours
                    delivery:
                      method: mm1
                      mmscUrl: "%s"
                      fromAddress: "+4916000000"
                notifMsisdn:
                  - msisdn: "+4916099999"
                    types: [virus]
            """;

    /** Under {@code mm1:}: a duplicate threshold that only counts (logs), so stage 2 keeps state and blocks nothing. */
    private static final String COUNTED_DUPLICATES = """
                  duplicate:
                    - enabled: true
                      windowMinutes: %d
                      limit: 1000000
                      actions: [log]
            """;

    /** Profile {@code default} as it comes, with a summary of every MM1 message archived to mms.archive. */
    private static final String ARCHIVE_EVERY_MM1_SUMMARY = """
            profiles:
              - name: default
                mm1:
                  archive: SUMMARY
            """;

    private HarnessProfiles() {
    }

    /** Profile {@code default}: its defaults (EICAR blocked), and every MM1 message's summary in mms.archive. */
    public static String archiveEveryMm1Summary() {
        return ARCHIVE_EVERY_MM1_SUMMARY;
    }

    /**
     * Profile {@code default}: an MM1 sender past {@code limit} in {@code windowMinutes} is blocked; an MM1 virus
     * is notified (at most once an hour per notice stream) to the administrator +4916099999 and, with
     * {@code notifySender}, to the infected sender, delivered over MM1 to {@code notices}.
     */
    public static String floodAndVirusNotices(int windowMinutes, int limit, boolean notifySender, URI notices) {
        return FLOOD_AND_VIRUS_NOTICES.formatted(windowMinutes, limit, "", notifySender, notices);
    }

    /**
     * As {@link #floodAndVirusNotices}, and every MM1 message's checksum counted in a duplicate threshold of the
     * same window that never blocks: the second stage (by-checksum repartition, duplicate store) holds state too.
     */
    public static String floodDuplicatesAndVirusNotices(int windowMinutes, int limit, boolean notifySender,
                                                        URI notices) {
        return FLOOD_AND_VIRUS_NOTICES.formatted(windowMinutes, limit, COUNTED_DUPLICATES.formatted(windowMinutes),
                notifySender, notices);
    }
}
