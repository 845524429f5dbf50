package io.mmsguard.inspection.profile;

import io.mmsguard.avro.EndpointPrefix;
import java.util.regex.Pattern;

/**
 * The profile's endpoint prefix (FortiOS carrier-endpoint-prefix, -string, -range-min/-max): a country code
 * added to an MSISDN that a gateway extracted from the operator's header or cookie, when the number is written
 * without one and its length is within the range, so that short internal numbers stay as they are. A number
 * written with a leading {@code +} is already international and is never prefixed.
 */
public final class EndpointPrefixes {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = Addresses.MAX_MSISDN_DIGITS;

    /** The prefix itself: an optional plus, then 1-8 digits (an E.164 country code has at most 3). */
    static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,8}");

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private EndpointPrefixes() {
    }

    /**
     * @param extracted the MSISDN as the gateway read it (after hex decoding), before normalisation
     * @return {@code extracted} with the prefix in front when the settings apply to it, else {@code extracted}
     */
    public static String apply(EndpointPrefix settings, String extracted) {
        if (settings == null || !settings.getEnabled() || extracted == null) {
            return extracted;
        }
        String number = extracted.trim();
        if (!DIGITS.matcher(number).matches()) {
            return extracted; // with a '+' (already international) or not a plain number
        }
        int length = number.length();
        if (length < settings.getMinLength() || length > settings.getMaxLength()) {
            return extracted;
        }
        return settings.getPrefix() + number;
    }
}
