package io.mmsguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The deployment's admin bearer token: a random one in a file only its owner reads, named by every service's
 * {@code admin.token-file}, and sent by the harness on every admin request (the probes ignore it).
 */
final class AdminToken {
    private final Path file;
    private final String token;

    private AdminToken(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    static AdminToken create(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file, e);
        }
        return new AdminToken(file, token);
    }

    Path file() {
        return file;
    }

    HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token);
    }
}
