package io.mmsguard.inspection.av;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small databases from literal lines for tests. */
final class Databases {
    static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);
    static final String[] SHIPPED = {"io/mmsguard/inspection/av/mmsguard-test.hdb",
        "io/mmsguard/inspection/av/mmsguard-test.hsb", "io/mmsguard/inspection/av/mmsguard-test.ndb"};

    private Databases() {
    }

    static SignatureDatabase ndb(String... lines) {
        return file("t.ndb", lines);
    }

    static SignatureDatabase file(String fileName, String... lines) {
        try {
            Path dir = Files.createTempDirectory("av-db");
            Path file = Files.writeString(dir.resolve(fileName), String.join("\n", lines) + "\n",
                    StandardCharsets.ISO_8859_1);
            try {
                return new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadDirectory(dir);
            } finally {
                // the database is in memory once loaded; thousands of test runs must not leave directories behind
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SignatureDatabase shipped() {
        try {
            return new SignatureDatabaseLoader(AvLimits.DEFAULTS).loadResources(SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(String ascii) {
        return java.util.HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }
}
