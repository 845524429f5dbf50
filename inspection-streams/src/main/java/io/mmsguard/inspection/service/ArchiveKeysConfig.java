package io.mmsguard.inspection.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.mmsguard.schemas.archive.ArchiveCryptoException;
import io.mmsguard.schemas.archive.ArchiveKeyring;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;

/**
 * The archive keys of the inspection service: {@code archive.key-id} names the key that encrypts new records,
 * {@code archive.keys-file} (a mounted Secret) or {@code archive.keys} (meant for the environment variable
 * {@code MMSGUARD_ARCHIVE_KEYS}) gives every key, old ones included. Without any of the three the archive's content
 * is written in the clear.
 */
final class ArchiveKeysConfig {
    static final String KEY_ID = "archive.key-id";
    static final String KEYS = "archive.keys";
    static final String KEYS_FILE = "archive.keys-file";

    private ArchiveKeysConfig() {
    }

    static Optional<ArchiveKeyring> from(Settings s) {
        Optional<String> keyId = s.find(KEY_ID);
        Optional<String> inline = s.find(KEYS);
        Optional<String> file = s.find(KEYS_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw s.invalid(KEYS, "set either " + KEYS + " or " + KEYS_FILE + ", not both");
        }
        if (inline.isEmpty() && file.isEmpty()) {
            if (keyId.isPresent()) {
                throw s.invalid(KEY_ID, "names the key that encrypts the archive, but neither " + KEYS + " nor "
                        + KEYS_FILE + " gives the keys");
            }
            return Optional.empty();
        }
        String key = inline.isPresent() ? KEYS : KEYS_FILE;
        if (keyId.isEmpty()) {
            throw s.invalid(key, "gives archive keys but " + KEY_ID + " does not say which one encrypts new records");
        }
        String text = inline.orElseGet(() -> read(s, file.get()));
        try {
            return Optional.of(ArchiveKeyring.parse(text, keyId.get(), inline.isPresent() ? "" : file.get()));
        } catch (ArchiveCryptoException e) {
            throw s.invalid(key, e.getMessage());
        }
    }

    private static String read(Settings s, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(KEYS_FILE + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
