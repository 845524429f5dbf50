package io.mmsguard.codec.mm1;

/**
 * The From value: either an address, or the Insert-address token (0x81) by which the handset asks the MMSC to put
 * in its own MSISDN. The gateway must keep the distinction: it inserts the authenticated MSISDN exactly where the
 * handset sent the token (see {@link MmsPdu#withInsertedFrom(String)}).
 *
 * @param address the address, or null for the Insert-address token
 */
public record FromAddress(EncodedString address) {
    private static final FromAddress INSERT = new FromAddress(null);

    public static FromAddress insertAddress() {
        return INSERT;
    }

    public static FromAddress of(String address) {
        return new FromAddress(EncodedString.of(address));
    }

    public boolean isInsertAddress() {
        return address == null;
    }

    /** The address text, or null for the Insert-address token. */
    public String text() {
        return address == null ? null : address.text();
    }

    @Override
    public String toString() {
        return address == null ? "<insert-address>" : address.toString();
    }
}
