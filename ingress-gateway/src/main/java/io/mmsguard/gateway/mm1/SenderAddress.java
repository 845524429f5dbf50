package io.mmsguard.gateway.mm1;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.mmsguard.avro.AddressSource;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.inspection.profile.EndpointPrefixes;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The subscriber MSISDN that the WAP gateway or GGSN put on the request (FEATURES.md A9): from an HTTP header, or
 * from an attribute of the Cookie header ({@code Cookie: id=<cookie-id>; <name>=<MSISDN>}), optionally hex-encoded
 * ASCII. Also normalises the addresses of PDUs (PROTOCOLS.md 1.10).
 */
public final class SenderAddress {
    /** Compiled once: every MM1 request checks its sender (String.matches compiled the pattern per call). */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9 .()\\-]+");

    /**
     * @param name       the header or cookie attribute name it came from
     * @param raw        the value as received
     * @param normalised {@code +} and the digits
     */
    public record Msisdn(String name, String raw, String normalised) {
    }

    private SenderAddress() {
    }

    /**
     * Empty when the header or cookie is absent, or its value holds no phone number.
     *
     * @param prefix the profile's endpoint prefix, put in front of a national number before it is normalised
     */
    public static Optional<Msisdn> from(HttpHeaders headers, SenderAddressSettings settings, EndpointPrefix prefix) {
        String name = mm1Name(settings);
        String raw = settings.getSource() == AddressSource.COOKIE ? cookie(headers, name) : headers.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.trim();
        if (settings.getConvertHex()) {
            value = hexToAscii(value);
            if (value == null) {
                return Optional.empty();
            }
        }
        String msisdn = msisdn(EndpointPrefixes.apply(prefix, value));
        return msisdn == null ? Optional.empty() : Optional.of(new Msisdn(name, raw, msisdn));
    }

    /** The MM1 header or cookie attribute name: the profile's, else {@code x-up-calling-line-id}. */
    public static String mm1Name(SenderAddressSettings settings) {
        return settings.getName() == null || settings.getName().isBlank() ? "x-up-calling-line-id" : settings.getName();
    }

    /**
     * Removes the MSISDN that a peer the gateway does not trust put on its request: the header {@code name}, or the
     * attribute {@code name} of every Cookie header (a Cookie header left empty is removed), so that neither the
     * inspection nor the MMSC believes it.
     *
     * @return whether there was one
     */
    public static boolean remove(HttpHeaders headers, AddressSource source, String name) {
        if (source != AddressSource.COOKIE) {
            boolean present = headers.contains(name);
            headers.remove(name);
            return present;
        }
        boolean removed = false;
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            java.util.List<String> pairs = new java.util.ArrayList<>();
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                String key = (eq > 0 ? pair.substring(0, eq) : pair).trim();
                if (key.equalsIgnoreCase(name)) {
                    removed = true;
                } else if (!pair.isBlank()) {
                    pairs.add(pair.trim());
                }
            }
            if (!pairs.isEmpty()) {
                kept.add(String.join("; ", pairs));
            }
        }
        if (removed) {
            headers.remove(HttpHeaderNames.COOKIE);
            kept.forEach(v -> headers.add(HttpHeaderNames.COOKIE, v));
        }
        return removed;
    }

    private static String cookie(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                    String v = pair.substring(eq + 1).trim();
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1)
                            : v;
                }
            }
        }
        return null;
    }

    /** Hex-encoded ASCII ({@code 2B3433...} or {@code 0x2b34...}), or null when it is not. */
    static String hexToAscii(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.isEmpty() || h.length() % 2 != 0) {
            return null;
        }
        try {
            return new String(HexFormat.of().parseHex(h), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code +} and the digits of a phone number ({@code /TYPE=PLMN} and separators dropped), or null when the text
     * is not one.
     */
    static String msisdn(String text) {
        String t = stripType(text).trim();
        if (!PHONE_NUMBER.matcher(t).matches()) {
            return null;
        }
        StringBuilder digits = new StringBuilder(t.length() + 1).append('+');
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.length() == 1 ? null : digits.toString();
    }

    /**
     * An address of a PDU as per-sender keys and endpoint lists want it: phone numbers as {@code +digits},
     * e-mail addresses lower case without a display name, anything else (short codes, alphanumeric senders) as it
     * is without its {@code /TYPE=} suffix.
     */
    public static String normalise(String address) {
        if (address == null) {
            return "";
        }
        String phone = msisdn(address);
        if (phone != null) {
            return phone;
        }
        String t = stripType(address).trim();
        int lt = t.lastIndexOf('<');
        int gt = t.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            t = t.substring(lt + 1, gt).trim();
        }
        return t.contains("@") ? t.toLowerCase(Locale.ROOT) : t;
    }

    private static String stripType(String address) {
        int i = address.toUpperCase(Locale.ROOT).lastIndexOf("/TYPE=");
        return i >= 0 ? address.substring(0, i) : address;
    }
}
