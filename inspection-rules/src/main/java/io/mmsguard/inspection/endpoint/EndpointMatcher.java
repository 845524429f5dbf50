package io.mmsguard.inspection.endpoint;

import io.mmsguard.inspection.scan.GuardedRegex;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.RegexBudget;
import io.mmsguard.inspection.scan.RegexLimits;
import io.mmsguard.inspection.scan.ValuePattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint filter (A8) over a profile's endpoint lists, in the profile's order. For one address the first matching
 * enabled entry decides (lists in order, entries in order, as the Avro docs say); across the sender and the recipients
 * the strongest action wins ({@link EndpointAction}). Disabled lists and entries match nothing.
 * <p>
 * SIMPLE entries sit in a hash map from normalised pattern to the first entry's position, so a list of a million
 * numbers costs one lookup; WILDCARD and REGEX entries are tried in order, but only those placed before the SIMPLE hit.
 * <p>
 * REGEX entries spend the message's {@link RegexBudget}. When it runs out on an entry, which entry comes first for
 * that address is unknown: the address gets no match and the entry is reported in {@link
 * EndpointMatch#budgetExceeded()}, which the decision turns into a scanner failure (never a silent "no match", which
 * would let a crafted address slip past a block list).
 */
public final class EndpointMatcher {

    private record Ref(int ordinal, String listName, int entryIndex, EndpointEntry entry, ValuePattern pattern) {
    }

    private final Map<String, Ref> simple = new HashMap<>();
    private final List<Ref> patterns = new ArrayList<>();

    /** @throws java.util.regex.PatternSyntaxException for a bad REGEX entry; {@link EndpointList#validate()} first */
    public EndpointMatcher(List<EndpointList> lists) {
        int ordinal = 0;
        for (EndpointList list : lists) {
            if (!list.enabled()) {
                continue;
            }
            for (int i = 0; i < list.entries().size(); i++) {
                EndpointEntry e = list.entries().get(i);
                if (!e.enabled()) {
                    continue;
                }
                int o = ordinal++;
                switch (e.patternType()) {
                    case SIMPLE -> simple.putIfAbsent(AddressNormalizer.normalize(e.pattern()),
                            new Ref(o, list.name(), i, e, null));
                    case WILDCARD -> patterns.add(new Ref(o, list.name(), i, e, ValuePattern.compile(
                            AddressNormalizer.normalizeWildcard(e.pattern()), PatternType.WILDCARD)));
                    case REGEX -> patterns.add(new Ref(o, list.name(), i, e,
                            ValuePattern.compile(e.pattern(), PatternType.REGEX)));
                }
            }
        }
    }

    /** Matches on a regex budget of its own ({@link RegexLimits#DEFAULT}'s base), for tools and tests. */
    public EndpointMatch match(String sender, List<String> recipients) {
        return match(sender, recipients, RegexBudget.start(RegexLimits.DEFAULT, 0));
    }

    /** @param budget the message's regex budget, shared with the content scans' patterns */
    public EndpointMatch match(String sender, List<String> recipients, RegexBudget budget) {
        List<AddressMatch> matches = new ArrayList<>();
        List<String> exceeded = new ArrayList<>();
        if (sender != null) {
            matchOne(AddressMatch.Role.SENDER, sender, budget, exceeded).ifPresent(matches::add);
        }
        for (String r : recipients) {
            matchOne(AddressMatch.Role.RECIPIENT, r, budget, exceeded).ifPresent(matches::add);
        }
        EndpointAction action = EndpointAction.NONE;
        AddressMatch decisive = null;
        boolean log = false;
        boolean archive = false;
        for (AddressMatch m : matches) {
            if (decisive == null || m.entry().action().strongerThan(action)) {
                action = m.entry().action();
                decisive = m;
            }
            log |= m.entry().log();
            archive |= m.entry().archive();
        }
        return new EndpointMatch(action, Optional.ofNullable(decisive), matches, log, archive, exceeded);
    }

    /** The first entry, in list order, that matches one address; empty when none does or it cannot be told. */
    private Optional<AddressMatch> matchOne(AddressMatch.Role role, String address, RegexBudget budget,
                                            List<String> exceeded) {
        String normalized = AddressNormalizer.normalize(address);
        Ref best = simple.get(normalized);
        for (Ref ref : patterns) {
            if (best != null && ref.ordinal() > best.ordinal()) {
                break;
            }
            GuardedRegex.Result r = ref.pattern().match(normalized, budget);
            if (r == GuardedRegex.Result.MATCH) {
                best = ref;
                break;
            }
            if (r == GuardedRegex.Result.BUDGET_EXCEEDED) {
                // This entry might have matched first: neither a later entry nor "no match" is the answer.
                exceeded.add(ref.listName() + "[" + ref.entryIndex() + "] " + ref.entry().pattern() + " on " + normalized);
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best).map(
                b -> new AddressMatch(role, address, normalized, b.listName(), b.entryIndex(), b.entry()));
    }
}
