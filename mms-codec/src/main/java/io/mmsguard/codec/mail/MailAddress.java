package io.mmsguard.codec.mail;

import java.util.Objects;

/**
 * One mailbox from an address header. MM4 addresses such as {@code +447700900456/TYPE=PLMN} have no domain and
 * are kept as they are; {@link #msisdn()} gives the number.
 *
 * @param displayName decoded display name (RFC 2047 applied), or null
 * @param address     the addr-spec, {@code local} or {@code local@domain}
 */
public record MailAddress(String displayName, String address) {

    public MailAddress {
        Objects.requireNonNull(address, "address");
    }

    public static MailAddress of(String address) {
        return new MailAddress(null, address);
    }

    /**
     * The E.164 number of a PLMN address (PROTOCOLS.md 3.5: strip {@code @domain} and {@code /TYPE=PLMN}), or
     * null when the local part is not a phone number.
     */
    public String msisdn() {
        String local = address;
        int at = local.lastIndexOf('@');
        if (at >= 0) {
            local = local.substring(0, at);
        }
        int slash = local.indexOf('/');
        if (slash >= 0) {
            if (!local.substring(slash + 1).toUpperCase(java.util.Locale.ROOT).startsWith("TYPE=PLMN")) {
                return null;
            }
            local = local.substring(0, slash);
        }
        return local.matches("\\+?[0-9]{3,20}") ? local : null;
    }

    /** The form written into a header: {@code "Name" <addr>} or the bare address. */
    public String toHeaderText() {
        if (displayName == null || displayName.isEmpty()) {
            return address;
        }
        return HeaderText.encodeDisplayName(displayName) + " <" + address + ">";
    }
}
