package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A PKCS12 key store (password {@value #PASSWORD}) with a self-signed certificate for 127.0.0.1, from keytool. */
final class SelfSignedKeyStore {
    static final String PASSWORD = "changeit";

    private SelfSignedKeyStore() {
    }

    static Path create(Path dir) throws Exception {
        Path keyStore = dir.resolve("gw.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "gw", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        return keyStore;
    }
}
