package io.mmsguard.notifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The distinct viruses tracked for one sender's notices (A17: at most 3 per user). Each tracked virus has its own
 * notice stream (a {@link NoticeWindow} keyed by sender and virus); a fourth distinct virus evicts the <b>least
 * recently seen</b> one (LRU), whose notice stream the caller drops. Seeing a tracked virus again makes it the
 * most recent. Names are compared exactly.
 */
public final class VirusTracker {

    public static final int MAX_VIRUSES = 3;

    /** Tracked virus names, most recently seen first; at most {@link #MAX_VIRUSES}. */
    public record Tracked(List<String> viruses) {

        public static final Tracked EMPTY = new Tracked(List.of());

        public Tracked {
            viruses = List.copyOf(viruses);
            if (viruses.size() > MAX_VIRUSES || viruses.stream().distinct().count() != viruses.size()) {
                throw new IllegalArgumentException("at most " + MAX_VIRUSES + " distinct viruses: " + viruses);
            }
        }

        public boolean contains(String virus) {
            return viruses.contains(virus);
        }

        /** Without {@code virus} (its notice stream ended). */
        public Tracked without(String virus) {
            List<String> rest = new ArrayList<>(viruses);
            rest.remove(virus);
            return new Tracked(rest);
        }

        /** Store form: the names, most recent first, UTF-8, separated by NUL (no virus name holds one). */
        public byte[] encode() {
            return String.join("\0", viruses).getBytes(StandardCharsets.UTF_8);
        }

        /** @throws IllegalArgumentException when the bytes are not a tracked set */
        public static Tracked decode(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            return s.isEmpty() ? EMPTY : new Tracked(List.of(s.split("\0", -1)));
        }
    }

    /**
     * @param tracked the new set
     * @param isNew   the virus was not tracked before (its notice stream starts empty)
     * @param evicted the virus that was dropped to make room, if any
     */
    public record Observation(Tracked tracked, boolean isNew, Optional<String> evicted) {
    }

    private VirusTracker() {
    }

    public static Observation observe(Tracked tracked, String virus) {
        if (virus == null || virus.isEmpty()) {
            throw new IllegalArgumentException("virus name required");
        }
        List<String> next = new ArrayList<>(MAX_VIRUSES + 1);
        next.add(virus);
        boolean known = false;
        for (String v : tracked.viruses()) {
            if (v.equals(virus)) {
                known = true;
            } else {
                next.add(v);
            }
        }
        Optional<String> evicted = Optional.empty();
        if (next.size() > MAX_VIRUSES) {
            evicted = Optional.of(next.remove(next.size() - 1));
        }
        return new Observation(new Tracked(next), !known, evicted);
    }
}
