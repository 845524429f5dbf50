package io.mmsguard.deploy.cli;

import java.time.Instant;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.MmsPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of one {@code archive query}: who read subscribers' content, when, with which filter, how many records,
 * and whether content was decrypted. One line on the logger {@value #LOGGER} when the query printed any content
 * (docs/security.md, "The archive"); nothing when it printed only clear fields.
 */
final class ArchiveReadAudit {
    static final String LOGGER = "io.mmsguard.audit.archive";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    private final String reader;
    private final Instant at;
    private final String topic;
    private final String filter;
    private long matched;
    private long withContent;
    private long decrypted;
    private long stillEncrypted;

    ArchiveReadAudit(String reader, Instant at, String topic, String filter) {
        this.reader = reader;
        this.at = at;
        this.topic = topic;
        this.filter = filter;
    }

    /**
     * @param printed   the record as printed
     * @param decrypted whether its content was decrypted for printing
     */
    void printed(ArchiveRecord printed, boolean decrypted) {
        matched++;
        if (decrypted) {
            this.decrypted++;
        }
        if (printed.getEncryptedContent() != null) {
            stillEncrypted++;
        } else if (hasContent(printed)) {
            withContent++;
        }
    }

    long stillEncrypted() {
        return stillEncrypted;
    }

    /** The audit line, or null when no content was printed. */
    String line() {
        if (withContent == 0) {
            return null;
        }
        return "archive content read: reader=" + quoted(reader) + " at=" + at + " topic=" + topic + " filter="
                + quoted(filter) + " records=" + matched + " with-content=" + withContent + " decrypted=" + decrypted;
    }

    void log() {
        String line = line();
        if (line != null) {
            AUDIT.info(line);
        }
    }

    private static boolean hasContent(ArchiveRecord r) {
        if (r.getSubject() != null) {
            return true;
        }
        for (MmsPart p : r.getParts()) {
            if (p.getContent() != null || p.getName() != null || p.getFilename() != null) {
                return true;
            }
        }
        return false;
    }

    /** Quoted with control characters and quotes escaped, so that a value cannot forge another audit field or line. */
    private static String quoted(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
