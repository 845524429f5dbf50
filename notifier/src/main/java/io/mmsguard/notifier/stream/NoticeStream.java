package io.mmsguard.notifier.stream;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.avro.ThresholdCount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One notice stream, i.e. one {@code NoticeWindow} in the aggregator's store:
 * <ul>
 *   <li>administrator notices per profile, interface and type: {@code <profile>/<interface>/<type>}, and for FLOOD
 *       and DUPLICATE one stream per threshold, {@code <profile>/<interface>/<type>#<index>}, since the notif-msisdn
 *       table subscribes administrators to single thresholds;</li>
 *   <li>sender notices per infected sender and virus (A17):
 *       {@code <profile>/<interface>/VIRUS\0<sender>\0<virus>}.</li>
 * </ul>
 * The store key is parsed back by the sweep. NUL cannot appear in a sender or virus name taken from an alert (it is
 * replaced), and the profile part is split from the right because a profile name may contain '/'.
 *
 * @param thresholdIndex 1-3 for FLOOD/DUPLICATE streams of one threshold, else null
 * @param sender         the notified sender for a sender stream, else null
 * @param virus          the virus of a sender stream, else null
 */
public record NoticeStream(String profile, MmsInterface mmsInterface, NotificationType type, Integer thresholdIndex,
                           String sender, String virus) {

    private static final char SEP = '\0';

    /** The administrator stream an alert belongs to. */
    public static NoticeStream admin(Alert alert) {
        ThresholdCount t = alert.getThreshold();
        boolean perThreshold = t != null && (alert.getType() == NotificationType.FLOOD
                || alert.getType() == NotificationType.DUPLICATE);
        return new NoticeStream(alert.getProfile(), alert.getMmsInterface(), alert.getType(),
                perThreshold ? t.getIndex() : null, null, null);
    }

    /** The sender stream of a VIRUS alert (the caller checked that the sender may be notified). */
    public static NoticeStream senderOf(Alert alert) {
        return new NoticeStream(alert.getProfile(), alert.getMmsInterface(), NotificationType.VIRUS, null,
                clean(alert.getSender()), clean(alert.getVirusName()));
    }

    public boolean toSender() {
        return sender != null;
    }

    /** {@code <profile>/<interface>/<type>}: the key the inspection topology gives the alert. */
    public String alertKey() {
        return profile + "/" + mmsInterface + "/" + type;
    }

    public String storeKey() {
        String base = alertKey() + (thresholdIndex == null ? "" : "#" + thresholdIndex);
        return toSender() ? base + SEP + sender + SEP + virus : base;
    }

    /** Key of the virus tracker of this stream's sender. */
    public String trackerKey() {
        return alertKey() + SEP + sender;
    }

    /** The same sender stream for another virus. */
    public NoticeStream withVirus(String otherVirus) {
        return new NoticeStream(profile, mmsInterface, type, thresholdIndex, sender, otherVirus);
    }

    /**
     * Printable, deterministic id of the notice emitted at {@code emittedAt}: the MM1/MM7/MM4 transaction ids are
     * built from it, so a notice redone after an aborted transaction carries the same id. A sender stream is named
     * by a digest of sender and virus, which keeps the id short and free of arbitrary characters.
     */
    public String noticeId(Instant emittedAt) {
        String base = alertKey() + (thresholdIndex == null ? "" : "#" + thresholdIndex);
        if (toSender()) {
            base += "/sender-" + digest(sender + SEP + virus);
        }
        return base + "@" + emittedAt.toEpochMilli();
    }

    public static NoticeStream parse(String storeKey) {
        String[] parts = storeKey.split(String.valueOf(SEP), -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("not a notice stream key: " + storeKey);
        }
        String head = parts[0];
        int t = head.lastIndexOf('/');
        int i = t <= 0 ? -1 : head.lastIndexOf('/', t - 1);
        if (i < 0) {
            throw new IllegalArgumentException("not <profile>/<interface>/<type>: " + head);
        }
        String typePart = head.substring(t + 1);
        Integer index = null;
        int hash = typePart.indexOf('#');
        if (hash >= 0) {
            index = Integer.valueOf(typePart.substring(hash + 1));
            typePart = typePart.substring(0, hash);
        }
        return new NoticeStream(head.substring(0, i), MmsInterface.valueOf(head.substring(i + 1, t)),
                NotificationType.valueOf(typePart), index, parts.length == 3 ? parts[1] : null,
                parts.length == 3 ? parts[2] : null);
    }

    private static String clean(String s) {
        return s == null ? null : s.replace(SEP, '\uFFFD');
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
