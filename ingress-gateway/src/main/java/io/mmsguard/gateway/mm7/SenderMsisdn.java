package io.mmsguard.gateway.mm7;

import io.mmsguard.avro.AddressSource;
import io.mmsguard.avro.SenderAddressSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The subscriber MSISDN a trusted front end put in an HTTP header or cookie (FEATURES.md A9), per the profile's
 * {@code senderAddress} settings of the interface.
 *
 * @param name  the header or cookie attribute name
 * @param raw   its value as received
 * @param value the value to use (hex-decoded when the profile says so)
 */
record SenderMsisdn(String name, String raw, String value) {

    /** @return the MSISDN, or null when the request carries none (or an undecodable one) */
    static SenderMsisdn find(HttpHeaders headers, SenderAddressSettings settings) {
        if (settings == null || settings.getName() == null || settings.getName().isBlank()) {
            return null;
        }
        String name = settings.getName();
        String raw = settings.getSource() == AddressSource.COOKIE ? cookie(headers, name) : headers.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim();
        if (settings.getConvertHex()) {
            try {
                value = new String(HexFormat.of().parseHex(value), StandardCharsets.US_ASCII).trim();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return value.isEmpty() ? null : new SenderMsisdn(name, raw, value);
    }

    private static String cookie(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }
}
