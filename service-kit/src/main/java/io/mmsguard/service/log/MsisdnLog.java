package io.mmsguard.service.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a subscriber's address (a sender, a recipient: an MSISDN or a mail address) appears in the logs of every
 * service: {@code plain} (made {@link LogSafe safe} only), or {@code hashed}: {@code h:} and the first
 * {@value #HEX_CHARS} hex digits of HMAC-SHA256 under a secret key of the number or mail local part, with the
 * {@code /TYPE=PLMN} suffix and the {@code @domain} kept in clear. A plain SHA-256 of a number would not do: ten
 * digits are enumerated in minutes. The same key on every instance gives the same hash, so that one subscriber can
 * be followed across services; without a key each process makes its own at start.
 *
 * <p>Log statements are everywhere and take no configuration, so the service's choice is held here, process-wide
 * ({@link #use}); in the embedded mode the services share it.
 */
public final class MsisdnLog {
    public static final String MODE = "logging.msisdn";
    public static final String KEY_FILE = "logging.msisdn-key-file";
    public static final String KEY = "logging.msisdn-key";
    static final int HEX_CHARS = 12;
    private static final int MIN_KEY_CHARS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(MsisdnLog.class);

    /** This process's key when none is configured: one per process, so every service in it hashes alike. */
    private static final byte[] PROCESS_KEY = randomKey();
    private static volatile MsisdnLog current = hashed(PROCESS_KEY);

    /** Null for plain. */
    private final SecretKeySpec key;

    private MsisdnLog(SecretKeySpec key) {
        this.key = key;
    }

    public static MsisdnLog plain() {
        return new MsisdnLog(null);
    }

    public static MsisdnLog hashed(byte[] key) {
        return new MsisdnLog(new SecretKeySpec(key, "HmacSHA256"));
    }

    public static MsisdnLog from(Settings s) {
        String mode = s.string(MODE, "hashed").strip().toLowerCase(Locale.ROOT);
        Optional<String> key = s.secret(KEY_FILE, KEY);
        switch (mode) {
            case "plain" -> {
                return plain();
            }
            case "hashed" -> {
                if (key.isEmpty()) {
                    return hashed(PROCESS_KEY);
                }
                if (key.get().length() < MIN_KEY_CHARS) {
                    throw new ConfigException(KEY_FILE + ": the key must be at least " + MIN_KEY_CHARS
                            + " characters (e.g. openssl rand -hex 32)");
                }
                return hashed(key.get().getBytes(StandardCharsets.UTF_8));
            }
            default -> throw s.invalid(MODE, "must be plain or hashed, not \"" + mode + "\"");
        }
    }

    /** Makes {@code log} the form of every address {@link #of} gives from now on in this process. */
    public static void use(MsisdnLog log) {
        current = log;
        LOG.info("senders and recipients are logged {}", log.key == null ? "in plain text (logging.msisdn: plain)"
                : "hashed (HMAC-SHA256, logging.msisdn: hashed)");
    }

    /** The address as this process logs it. */
    public static String of(Object address) {
        return current.format(address);
    }

    String format(Object address) {
        if (address == null) {
            return "null";
        }
        String a = address.toString();
        if (key == null || a.isEmpty()) {
            return LogSafe.text(a);
        }
        int at = a.lastIndexOf('@');
        String local = at < 0 ? a : a.substring(0, at);
        int type = local.toUpperCase(Locale.ROOT).indexOf("/TYPE=");
        String subscriber = type < 0 ? local : local.substring(0, type);
        String clear = a.substring(subscriber.length());
        return "h:" + hash(subscriber) + LogSafe.text(clear);
    }

    private String hash(String subscriber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(subscriber.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsisdnLog other && java.util.Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return key == null ? "plain" : "hashed";
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }
}
