package io.mmsguard.inspection.endpoint;

/**
 * What a matching endpoint entry does; mirrors the Avro {@code EndpointAction}. When several addresses of one message
 * match, the strongest action wins, in declaration order reversed: BLOCK over EXEMPT over EXEMPT_MASS_MMS over NONE.
 * FortiCarrier does not say; a block must not be undone by an exempt recipient, and EXEMPT includes EXEMPT_MASS_MMS.
 */
public enum EndpointAction {
    NONE, EXEMPT_MASS_MMS, EXEMPT, BLOCK;

    boolean strongerThan(EndpointAction other) {
        return compareTo(other) > 0;
    }
}
