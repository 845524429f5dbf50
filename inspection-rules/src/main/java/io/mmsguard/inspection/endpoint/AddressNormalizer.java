package io.mmsguard.inspection.endpoint;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts an address into the form endpoint patterns are written for (the Avro {@code Recipient.address} form):
 * <ul>
 * <li>display name and angle brackets dropped ({@code "Bob" <bob@x>}), a {@code tel:} scheme dropped;</li>
 * <li>a {@code /TYPE=...} suffix dropped (MMS {@code /TYPE=PLMN}, {@code /TYPE=IPv4});</li>
 * <li>e-mail addresses (anything with {@code @}) lower case as a whole;</li>
 * <li>phone numbers (digits with an optional leading {@code +} and the separators space, {@code -}, {@code .},
 * {@code (}, {@code )}): separators removed, a leading {@code 00} read as the international prefix and written
 * {@code +}. National numbers and short codes stay as they are: turning them into E.164 needs the operator's country
 * (the profile's endpointPrefix, applied by the gateway);</li>
 * <li>anything else (alphanumeric short codes, VASP ids) lower case.</li>
 * </ul>
 * The same rules apply to SIMPLE patterns and, keeping {@code *} and {@code ?}, to WILDCARD patterns, so that an entry
 * may be written in any of these forms.
 */
public final class AddressNormalizer {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-]*[0-9][0-9 ().\\-]*");
    private static final Pattern PHONE_GLOB = Pattern.compile("\\+?[0-9 ().\\-*?]*[0-9*?][0-9 ().\\-*?]*");
    private static final Pattern SEPARATORS = Pattern.compile("[ ().\\-]");

    private AddressNormalizer() {
    }

    public static String normalize(String address) {
        return normalize(address, PHONE);
    }

    static String normalizeWildcard(String pattern) {
        return normalize(pattern, PHONE_GLOB);
    }

    private static String normalize(String address, Pattern phone) {
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).trim();
        }
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        }
        int type = s.toUpperCase(Locale.ROOT).indexOf("/TYPE=");
        if (type >= 0) {
            s = s.substring(0, type);
        }
        s = s.trim();
        if (s.indexOf('@') < 0 && phone.matcher(s).matches()) {
            s = SEPARATORS.matcher(s).replaceAll("");
            if (s.startsWith("00")) {
                s = "+" + s.substring(2);
            }
            return s;
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
