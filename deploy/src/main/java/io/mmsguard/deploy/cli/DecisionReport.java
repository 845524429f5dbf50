package io.mmsguard.deploy.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.ScanResult;
import io.mmsguard.avro.SimilarMatch;
import io.mmsguard.avro.ThresholdCount;

/**
 * One inspected message as an operator reads it: what arrived, every scanner's finding (virus signature names,
 * banned-word scores, endpoint matches are in the findings' detail), each threshold's count and limit at decision
 * time (flood, duplicate, similar), the earlier message a similar-content count found it near-identical to, the
 * verdict and the answer the client got, and the archive records of the same session. Archived content
 * is never printed here: reading it is {@code archive query}'s, which audits it.
 */
final class DecisionReport {
    private static final String FINDING = "  %-15s %-8s %-4s %s";
    private static final String THRESHOLD = "  %-9s %-9s %-7s %-6s %-7s %-8s %-18s %s";

    private DecisionReport() {
    }

    static String render(InspectionLog l, List<ArchiveRecord> archived) {
        StringBuilder b = new StringBuilder();
        line(b, "session %s: %s %s, message id %s, gateway %s", l.getSessionId(), l.getMmsInterface(),
                l.getDirection(), orDash(l.getMessageId()), l.getGatewayId());
        line(b, "sender %s, %d recipient(s), %d part(s), %d bytes, checksum %s", l.getSender(), l.getRecipientCount(),
                l.getPartCount(), l.getOriginalSize(), orDash(l.getChecksum()));
        line(b, "received %s, decided %s (%d ms), profile %s version %d", l.getReceivedAt(), l.getDecidedAt(),
                l.getLatencyMillis(), l.getProfile(), l.getProfileVersion());
        line(b, "verdict %s, reason %s%s", l.getVerdict(), l.getReason(),
                l.getDetail() == null ? "" : ": " + l.getDetail());
        if (l.getScans().isEmpty()) {
            line(b, "findings: none (nothing was scanned)");
        } else {
            line(b, "findings:");
            row(b, FINDING, "SCANNER", "OUTCOME", "PART", "DETAIL");
            for (ScanResult s : l.getScans()) {
                row(b, FINDING, s.getScanner(), s.getOutcome(), s.getPartIndex() == null ? "-" : s.getPartIndex(),
                        orDash(s.getDetail()));
            }
        }
        if (l.getThresholds().isEmpty()) {
            line(b, "thresholds at decision time: none evaluated");
        } else {
            line(b, "thresholds at decision time:");
            row(b, THRESHOLD, "KIND", "THRESHOLD", "WINDOW", "LIMIT", "COUNT", "EXCEEDED", "ACTIONS", "BLOCKED UNTIL");
            for (ThresholdCount t : l.getThresholds()) {
                row(b, THRESHOLD, t.getKind(), t.getIndex(), t.getWindowMinutes() + " min", t.getLimit(), t.getCount(),
                        t.getExceeded() ? "yes" : "no", t.getActions().isEmpty() ? "-"
                                : t.getActions().stream().map(Enum::name).collect(Collectors.joining(",")),
                        t.getBlockedUntil() == null ? "-" : t.getBlockedUntil());
            }
        }
        similarTo(b, l.getSimilarTo());
        line(b, "answer: %s", ClientAnswer.describe(l));
        archive(b, archived);
        return b.toString();
    }

    /** Whom the similar-content check found the message near-identical to: explain --session opens that one. */
    private static void similarTo(StringBuilder b, SimilarMatch m) {
        if (m == null) {
            return;
        }
        line(b, "similar to: session %s, estimated similarity %s (mmsguard explain --session %s)",
                m.getEarlierSession(), String.format(Locale.ROOT, "%.2f", m.getSimilarity()), m.getEarlierSession());
        line(b, "  shares %d fingerprint band(s): %s", m.getSharedBands().size(), String.join(", ",
                m.getSharedBands().stream().map(CharSequence::toString).toList()));
    }

    /** The archive records of a session that has no inspection-log record (its profile does not log it). */
    static String renderArchivedOnly(String what, List<ArchiveRecord> archived) {
        StringBuilder b = new StringBuilder();
        line(b, "%s: no inspection-log record (the profile's logging switches leave out messages that pass);"
                + " from the archive:", what);
        for (ArchiveRecord r : archived) {
            line(b, "session %s: %s %s, message id %s, sender %s, received %s, profile %s version %d",
                    r.getSessionId(), r.getMmsInterface(), r.getDirection(), orDash(r.getMessageId()), r.getSender(),
                    r.getReceivedAt(), r.getProfile(), r.getProfileVersion());
            line(b, "verdict %s, reason %s%s", r.getVerdict(), r.getReason(),
                    r.getDetail() == null ? "" : ": " + r.getDetail());
            if (r.getThreshold() != null) {
                ThresholdCount t = r.getThreshold();
                line(b, "threshold at decision time: %s %d, %d in %d min, limit %d", t.getKind(), t.getIndex(),
                        t.getCount(), t.getWindowMinutes(), t.getLimit());
            }
        }
        archive(b, archived);
        return b.toString();
    }

    private static void archive(StringBuilder b, List<ArchiveRecord> archived) {
        if (archived.isEmpty()) {
            line(b, "archive: no record");
            return;
        }
        for (ArchiveRecord r : archived) {
            line(b, "archive: %s record (trigger %s) written %s, %d part(s)%s; its content: mmsguard archive query",
                    r.getKind(), r.getTrigger(), r.getArchivedAt(), r.getParts().size(),
                    r.getEncryptedContent() == null ? "" : ", content encrypted");
        }
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(format, args)).append('\n');
    }

    private static void row(StringBuilder b, String format, Object... cells) {
        b.append(String.format(format, cells).stripTrailing()).append('\n');
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
