package io.mmsguard.inspection.profile;

import java.util.regex.Pattern;

/**
 * The address formats a profile may hold, shared by validation and by the services that use them: an MSISDN as
 * the services normalise it ({@code +} and digits; FortiOS endpoints are at most 48 digits long), a mail address
 * (administrators reached over MM3/MM4), a domain name, and a header or cookie name (an RFC 9110 token).
 */
public final class Addresses {

    /** FortiOS carrier endpoints and prefix ranges: at most 48 digits. */
    public static final int MAX_MSISDN_DIGITS = 48;

    private static final Pattern MSISDN = Pattern.compile("\\+?[0-9]{1," + MAX_MSISDN_DIGITS + "}");
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)" + LABEL + "(\\." + LABEL + ")*");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Addresses() {
    }

    /** {@code +4917012345} or {@code 4917012345}: an optional plus, then 1-48 digits. */
    public static boolean isMsisdn(String s) {
        return s != null && MSISDN.matcher(s).matches();
    }

    /** {@code local@domain}, without a display name or angle brackets. */
    public static boolean isMail(String s) {
        if (s == null) {
            return false;
        }
        int at = s.lastIndexOf('@');
        return at > 0 && LOCAL_PART.matcher(s.substring(0, at)).matches() && isDomain(s.substring(at + 1));
    }

    /** An MSISDN or a mail address: what a notice can be sent to or from. */
    public static boolean isMsisdnOrMail(String s) {
        return isMsisdn(s) || isMail(s);
    }

    public static boolean isDomain(String s) {
        return s != null && DOMAIN.matcher(s).matches();
    }

    /** An HTTP header name or cookie attribute name (RFC 9110 token). */
    public static boolean isToken(String s) {
        return s != null && TOKEN.matcher(s).matches();
    }
}
