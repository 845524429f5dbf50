package io.mmsguard.inspection.endpoint;

/**
 * One address that matched an endpoint entry.
 *
 * @param address    the address as given
 * @param normalized what was matched, see {@link AddressNormalizer}
 * @param listName   the list that holds the entry
 * @param entryIndex the entry's index in that list (its Avro {@code entries[i]})
 */
public record AddressMatch(Role role, String address, String normalized, String listName, int entryIndex,
                           EndpointEntry entry) {

    public enum Role { SENDER, RECIPIENT }

    /** For the inspection log and "explain": {@code sender +4917... matched blocklist[3] +4917* (WILDCARD)}. */
    public String describe() {
        return role.name().toLowerCase() + " " + normalized + " matched " + listName + "[" + entryIndex + "] "
                + entry.pattern() + " (" + entry.patternType() + ", " + entry.action() + ")";
    }
}
