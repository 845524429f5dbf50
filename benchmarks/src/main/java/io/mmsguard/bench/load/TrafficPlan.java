package io.mmsguard.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sequence of messages a run sends, from one seed: each message's interface (by the mix weights), category (by
 * the shares), sender, size and content seed. Flood bursts and duplicate campaigns are groups per interface (the
 * topology counts per interface): a group takes the next flood (or duplicate) message of its interface until it
 * has its burst size, then a new group starts. Every other message has a sender of its own, so no clean message
 * ever nears the flood limit, and content of its own; the messages of a duplicate campaign share one drawn size
 * and one content. Flood and duplicate thresholds exist for MM1 and MM4 only, so a flood or duplicate message
 * drawn for MM7 goes to MM1 or MM4 instead (by their weights; with neither in the mix it is sent clean on MM7):
 * the shares hold, the mix shifts by that much. Thread-safe; {@link #next()} hands out messages in order.
 */
final class TrafficPlan {
    /**
     * One planned message. {@code run} tags its ids and content (unique per scenario and warm-up); {@code group} is
     * the flood sender or duplicate campaign number, else -1.
     */
    record Planned(String run, long index, Iface iface, Category category, String sender, int size,
                   long contentSeed, int group) {
    }

    private final LoadOptions options;
    private final SplittableRandom random;
    private final Iface[] ifaces;
    private final int[] cumulativeWeights;
    private final String run;
    private final Map<Iface, int[]> floodGroup = new EnumMap<>(Iface.class);
    private final Map<Iface, int[]> duplicateGroup = new EnumMap<>(Iface.class);
    private final Map<Integer, Integer> campaignSize = new java.util.HashMap<>();
    private final boolean clean;
    private long next;
    private int groups;

    /**
     * @param run   distinguishes the senders and contents of each scenario and warm-up, so no state carries over
     * @param clean only clean messages (warm-up)
     */
    TrafficPlan(LoadOptions options, String run, long seed, boolean clean) {
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.run = run;
        this.clean = clean;
        this.ifaces = options.mix.keySet().toArray(new Iface[0]);
        this.cumulativeWeights = new int[ifaces.length];
        int sum = 0;
        for (int i = 0; i < ifaces.length; i++) {
            sum += options.mix.get(ifaces[i]);
            cumulativeWeights[i] = sum;
        }
    }

    synchronized Planned next() {
        long index = next++;
        int w = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        Iface iface = ifaces[0];
        for (int i = 0; i < ifaces.length; i++) {
            if (w < cumulativeWeights[i]) {
                iface = ifaces[i];
                break;
            }
        }
        Category category = clean ? Category.CLEAN : category(random.nextDouble());
        if ((category == Category.FLOOD || category == Category.DUPLICATE) && iface == Iface.MM7) {
            iface = thresholdIface();
            if (iface == null) {
                iface = Iface.MM7;
                category = Category.CLEAN;
            }
        }
        final int drawn = size();
        int size = drawn;
        long contentSeed = random.nextLong();
        int group = -1;
        String sender = msisdn(index);
        if (category == Category.FLOOD) {
            group = group(floodGroup, iface, options.floodBurst);
            sender = msisdn(1_000_000_000L + group);
        } else if (category == Category.DUPLICATE) {
            group = group(duplicateGroup, iface, options.duplicateBurst);
            contentSeed = group;
            size = campaignSize.computeIfAbsent(group, g -> drawn);
        }
        return new Planned(run, index, iface, category, sender, size, contentSeed, group);
    }

    /**
     * MM1 or MM4 by their weights in the mix (flood and duplicate thresholds apply to MM1 and MM4 only: the profile
     * validator refuses them on MM7), or null when the mix has neither.
     */
    private Iface thresholdIface() {
        int mm1 = options.mix.getOrDefault(Iface.MM1, 0);
        int mm4 = options.mix.getOrDefault(Iface.MM4, 0);
        if (mm1 + mm4 == 0) {
            return null;
        }
        return random.nextInt(mm1 + mm4) < mm1 ? Iface.MM1 : Iface.MM4;
    }

    private Category category(double u) {
        double edge = options.virus;
        if (u < edge) {
            return Category.VIRUS;
        }
        edge += options.spam;
        if (u < edge) {
            return Category.SPAM;
        }
        edge += options.flood;
        if (u < edge) {
            return Category.FLOOD;
        }
        edge += options.duplicate;
        return u < edge ? Category.DUPLICATE : Category.CLEAN;
    }

    /** [group number, messages in it so far] per interface; a full group makes way for a new one. */
    private int group(Map<Iface, int[]> current, Iface iface, int burst) {
        int[] g = current.get(iface);
        if (g == null || g[1] >= burst) {
            g = new int[] {groups++, 0};
            current.put(iface, g);
        }
        g[1]++;
        return g[0];
    }

    private int size() {
        double mean = options.sizeMean;
        double s = switch (options.sizeDist) {
            case FIXED -> mean;
            case EXPONENTIAL -> -mean * Math.log(1 - random.nextDouble());
            case LOGNORMAL -> Math.exp(Math.log(mean) - 0.5 + random.nextGaussian());
        };
        return (int) Math.max(512, Math.min(900_000, s));
    }

    /** A distinct MSISDN per run and number: +49 1 then the run's hash and the number. */
    private String msisdn(long n) {
        return "+491" + String.format("%03d", Math.floorMod(run.hashCode(), 1000)) + String.format("%010d", n);
    }
}
