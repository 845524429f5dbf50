package io.mmsguard.harness.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a {@link LoadDriver} run sends: a fixed number of messages per interface from a pool of ordinary senders
 * (every {@code eicarEvery}-th with the EICAR file), plus bursts from flood senders; as fast as the driver's
 * in-flight bound allows, or at a given rate; and never for longer than {@code maxDuration}.
 *
 * <p>Senders are {@code <senderPrefix><4 digits>}: ordinary ones {@code 0000..}, flood senders {@code 9000..}.
 * Transaction ids are {@code <runId>-<iface>-<n>} (MM3: with {@code @mail.harness.invalid}, as a Message-ID).
 */
public final class LoadPlan {
    private final String runId;
    private final Map<Iface, Integer> counts;
    private final int senders;
    private final String senderPrefix;
    private final int eicarEvery;
    private final int floodSenders;
    private final int floodMessages;
    private final Iface floodIface;
    private final double ratePerSecond;
    private final Duration maxDuration;

    private LoadPlan(Builder b) {
        this.runId = b.runId;
        this.counts = Map.copyOf(b.counts);
        this.senders = b.senders;
        this.senderPrefix = b.senderPrefix;
        this.eicarEvery = b.eicarEvery;
        this.floodSenders = b.floodSenders;
        this.floodMessages = b.floodMessages;
        this.floodIface = b.floodIface;
        this.ratePerSecond = b.ratePerSecond;
        this.maxDuration = b.maxDuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String runId = UUID.randomUUID().toString().substring(0, 8);
        private final Map<Iface, Integer> counts = new EnumMap<>(Iface.class);
        private int senders = 10;
        private String senderPrefix = "+491700";
        private int eicarEvery;
        private int floodSenders;
        private int floodMessages;
        private Iface floodIface = Iface.MM1;
        private double ratePerSecond;
        private Duration maxDuration = Duration.ofMinutes(2);

        /** Prefix of every transaction id; unique per run by default. */
        public Builder runId(String id) {
            this.runId = id;
            return this;
        }

        /** {@code count} ordinary messages on each of {@code ifaces}. */
        public Builder messages(int count, Iface... ifaces) {
            for (Iface i : ifaces) {
                counts.put(i, count);
            }
            return this;
        }

        /** Size of the pool of ordinary senders, used in turn (default 10). */
        public Builder senders(int n, String prefix) {
            if (n < 1 || n > 9000) {
                throw new IllegalArgumentException("1..9000 ordinary senders, not " + n);
            }
            this.senders = n;
            this.senderPrefix = prefix;
            return this;
        }

        /** Every n-th ordinary message of each interface carries the EICAR file (0: none). */
        public Builder eicarEvery(int n) {
            this.eicarEvery = n;
            return this;
        }

        /** {@code senders} flood senders that each send {@code messagesEach} messages over {@code iface}. */
        public Builder floodSenders(int senders, int messagesEach, Iface iface) {
            this.floodSenders = senders;
            this.floodMessages = messagesEach;
            this.floodIface = iface;
            return this;
        }

        /** Messages per second over all interfaces (0: as fast as the in-flight bound allows). */
        public Builder rate(double perSecond) {
            this.ratePerSecond = perSecond;
            return this;
        }

        /** No message is sent after this long; the answers of those in flight are still awaited. */
        public Builder maxDuration(Duration d) {
            this.maxDuration = d;
            return this;
        }

        public LoadPlan build() {
            return new LoadPlan(this);
        }
    }

    public String runId() {
        return runId;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public Duration maxDuration() {
        return maxDuration;
    }

    /** The flood senders' MSISDNs: what {@code Invariants.floodBounded} checks. */
    public List<String> floodSenderIds() {
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < floodSenders; j++) {
            ids.add(senderPrefix + String.format(Locale.ROOT, "%04d", 9000 + j));
        }
        return ids;
    }

    /**
     * Every message in sending order: the interfaces in turn, with the flood senders' messages (in turn) spread
     * evenly among them, so that a fault at any moment of a run meets flood traffic too.
     */
    public List<Message> messages() {
        List<Message> ordinary = new ArrayList<>();
        int[] seq = new int[Iface.values().length];
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (Iface iface : Iface.values()) {
                if (i < counts.getOrDefault(iface, 0)) {
                    String sender = senderPrefix + String.format(Locale.ROOT, "%04d", i % senders);
                    boolean eicar = eicarEvery > 0 && i % eicarEvery == eicarEvery - 1;
                    ordinary.add(new Message(id(iface, seq[iface.ordinal()]++), iface, sender, eicar, false));
                }
            }
        }
        List<Message> flood = new ArrayList<>();
        for (int k = 0; k < floodMessages; k++) {
            for (String sender : floodSenderIds()) {
                flood.add(new Message(id(floodIface, seq[floodIface.ordinal()]++), floodIface, sender, false, true));
            }
        }
        return interleave(ordinary, flood);
    }

    /** Both lists in their own order, each element at the same fraction of the result as of its list. */
    private static List<Message> interleave(List<Message> a, List<Message> b) {
        List<Message> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            // compare i / a.size() with j / b.size() without division
            if (j >= b.size() || i < a.size() && (long) i * b.size() <= (long) j * a.size()) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    private String id(Iface iface, int n) {
        String id = runId + "-" + iface.name().toLowerCase(Locale.ROOT) + "-" + n;
        return iface == Iface.MM3 ? id + "@" + Traffic.MAIL_DOMAIN : id;
    }
}
