package io.mmsguard.schemas.archive;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The archive keys: every key that may have written a record (so that records written before a rotation stay
 * readable), and the one that writes new records. Text form, one key per line or comma-separated:
 * {@code <key-id>:<base64 of 32 bytes>}; blank lines and lines starting with {@code #} are ignored. The same text is
 * read from a file (a mounted Secret) or from the environment.
 */
public final class ArchiveKeyring {
    public static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, SecretKey> keys;
    private final String current;

    private ArchiveKeyring(Map<String, SecretKey> keys, String current) {
        this.keys = Collections.unmodifiableMap(keys);
        this.current = current;
    }

    /**
     * @param text    the keys, as described above
     * @param current id of the key that encrypts new records; null for a reader that only decrypts
     * @param source  where the text came from, for messages (a file name or a variable, never the text); empty when
     *                the caller reports where itself
     */
    public static ArchiveKeyring parse(String text, String current, String source) {
        String at = source.isEmpty() ? "" : source + ": ";
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        int entry = 0;
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("#")) {
                entries.addAll(List.of(line.split(",")));
            }
        }
        for (String raw : entries) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            entry++;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ArchiveCryptoException(at + "entry " + entry + " is not <key-id>:<base64 key>");
            }
            String id = line.substring(0, colon).strip();
            if (!KEY_ID.matcher(id).matches()) {
                throw new ArchiveCryptoException(at + "entry " + entry
                        + ": a key id is 1-64 letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new ArchiveCryptoException(at + "key '" + id + "' is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new ArchiveCryptoException(at + "key '" + id + "' is " + key.length
                        + " bytes; an AES-256 key is " + KEY_BYTES);
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new ArchiveCryptoException(at + "key '" + id + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new ArchiveCryptoException(at + "no key");
        }
        if (current != null && !keys.containsKey(current)) {
            throw new ArchiveCryptoException(at + "the current key '" + current + "' is not among its keys "
                    + keys.keySet());
        }
        return new ArchiveKeyring(keys, current);
    }

    /** The key that encrypts new records; empty for a reader's keyring. */
    public Optional<String> currentId() {
        return Optional.ofNullable(current);
    }

    SecretKey current() {
        if (current == null) {
            throw new ArchiveCryptoException("no current archive key: this keyring only decrypts");
        }
        return keys.get(current);
    }

    SecretKey key(String id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new ArchiveCryptoException("the record was encrypted with archive key '" + id
                    + "', which is not among the configured keys " + keys.keySet());
        }
        return key;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "ArchiveKeyring" + keys.keySet() + (current == null ? "" : " current " + current);
    }
}
