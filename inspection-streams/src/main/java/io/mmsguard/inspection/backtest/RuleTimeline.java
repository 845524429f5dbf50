package io.mmsguard.inspection.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;

/**
 * The rules in force at every moment of a replay: profile and endpoint-list versions and operators' resets, oldest
 * first. Built from mms.config-audit (the versions the operators applied, with when) and mms.state-resets, or with
 * some profiles and lists fixed for the whole replay (a candidate file).
 */
public final class RuleTimeline {
    private final List<RuleChange> changes;

    public RuleTimeline(List<RuleChange> changes) {
        List<RuleChange> sorted = new ArrayList<>(changes);
        // Stable: two versions applied in the same millisecond keep the order they were written in.
        sorted.sort(Comparator.comparingLong(RuleChange::time));
        this.changes = List.copyOf(sorted);
    }

    /**
     * This timeline with {@code profiles} and {@code lists} in force from the start to the end: every version of the
     * same names in the timeline is dropped, every other record keeps its moment.
     */
    public RuleTimeline overriding(List<MmsProfile> profiles, List<EndpointList> lists) {
        Set<String> profileNames = profiles.stream().map(MmsProfile::getName).collect(Collectors.toSet());
        Set<String> listNames = lists.stream().map(EndpointList::getName).collect(Collectors.toSet());
        List<RuleChange> out = new ArrayList<>();
        profiles.forEach(p -> out.add(new RuleChange.Profile(Long.MIN_VALUE, p)));
        lists.forEach(l -> out.add(new RuleChange.List(Long.MIN_VALUE, l)));
        for (RuleChange c : changes) {
            boolean replaced = c instanceof RuleChange.Profile p && profileNames.contains(p.profile().getName())
                    || c instanceof RuleChange.List l && listNames.contains(l.list().getName());
            if (!replaced) {
                out.add(c);
            }
        }
        return new RuleTimeline(out);
    }

    /**
     * The longest window or block time of any flood, duplicate or similar threshold of any profile version: how far a count
     * reaches back, so how long after a replay's start its counts may lack earlier messages.
     */
    public java.time.Duration longestReach() {
        long minutes = 0;
        for (RuleChange.Profile p : profileVersions()) {
            MmsProfile profile = p.profile();
            for (InterfaceSettings i : List.of(profile.getMm1(), profile.getMm3(), profile.getMm4(),
                    profile.getMm7())) {
                for (Threshold t : concat(i.getFlood(), i.getDuplicate(), i.getSimilar())) {
                    minutes = Math.max(minutes, Math.max(t.getWindowMinutes(), t.getBlockTimeMinutes()));
                }
            }
        }
        return java.time.Duration.ofMinutes(minutes);
    }

    @SafeVarargs
    private static List<Threshold> concat(List<Threshold>... lists) {
        List<Threshold> all = new ArrayList<>();
        for (List<Threshold> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    public List<RuleChange> changes() {
        return changes;
    }

    /** The profile versions this timeline applies, by name: what a report names as "in force". */
    public List<RuleChange.Profile> profileVersions() {
        return changes.stream().filter(RuleChange.Profile.class::isInstance).map(RuleChange.Profile.class::cast)
                .toList();
    }
}
