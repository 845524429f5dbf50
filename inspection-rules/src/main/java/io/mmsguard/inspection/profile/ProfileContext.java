package io.mmsguard.inspection.profile;

import io.mmsguard.avro.EndpointList;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a profile is validated against besides itself.
 *
 * @param endpointLists names of the endpoint lists that exist; empty when unknown (the topology may see a profile
 *                      before the list it names), in which case references are not checked
 */
public record ProfileContext(Optional<Set<String>> endpointLists) {

    public static final ProfileContext STANDALONE = new ProfileContext(Optional.empty());

    public ProfileContext {
        endpointLists = endpointLists.map(Set::copyOf);
    }

    public static ProfileContext withEndpointLists(Set<String> names) {
        return new ProfileContext(Optional.of(names));
    }

    /** The lists as read from mms.endpoint-lists; a disabled list still exists, so naming it is not an error. */
    public static ProfileContext ofEndpointLists(Collection<EndpointList> lists) {
        return withEndpointLists(lists.stream().map(EndpointList::getName).collect(Collectors.toSet()));
    }
}
