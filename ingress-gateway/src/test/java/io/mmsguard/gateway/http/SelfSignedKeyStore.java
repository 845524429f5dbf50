package io.mmsguard.gateway.http;

import java.nio.file.Path;

import io.mmsguard.testkit.tls.TestPki;

/** A PKCS12 key store (password {@value #PASSWORD}) for 127.0.0.1 and localhost, signed by a {@link TestPki} in dir. */
final class SelfSignedKeyStore {
    static final String PASSWORD = "changeit";

    private SelfSignedKeyStore() {
    }

    static Path create(Path dir) {
        return TestPki.create(dir.resolve("pki")).serverKeyStore("gw", "ip:127.0.0.1", "dns:localhost");
    }
}
