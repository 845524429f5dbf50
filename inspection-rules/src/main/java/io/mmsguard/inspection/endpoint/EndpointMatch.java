package io.mmsguard.inspection.endpoint;

import java.util.List;
import java.util.Optional;

/**
 * What the endpoint filter found for one message.
 *
 * @param action         the strongest action of all matches (NONE when nothing matched)
 * @param decisive       the match that carries {@code action}: the first address (sender, then recipients in order)
 *                       with that action; empty when nothing matched
 * @param matches        every address that matched, in address order; each address matches at most one entry
 * @param log            some matched entry has log set
 * @param archive        some matched entry has archive set (archive trigger ENDPOINT)
 * @param budgetExceeded descriptions of REGEX entries on which the message's regex budget ran out, each for one
 *                       address that then has no match here; not empty means the endpoint filter could not decide,
 *                       a scanner failure unless something else blocks the message
 */
public record EndpointMatch(EndpointAction action, Optional<AddressMatch> decisive, List<AddressMatch> matches,
                            boolean log, boolean archive, List<String> budgetExceeded) {

    public EndpointMatch {
        matches = List.copyOf(matches);
        budgetExceeded = List.copyOf(budgetExceeded);
    }

    /** The filter could not decide for some address: its regex budget ran out. */
    public boolean failed() {
        return !budgetExceeded.isEmpty();
    }

    public boolean blocked() {
        return action == EndpointAction.BLOCK;
    }

    /** Flood and duplicate checks are skipped (EXEMPT implies it). */
    public boolean exemptFromMassMms() {
        return action == EndpointAction.EXEMPT_MASS_MMS || action == EndpointAction.EXEMPT;
    }

    /** All content scans are skipped. */
    public boolean exemptFromScanning() {
        return action == EndpointAction.EXEMPT;
    }
}
