package io.mmsguard.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority in a folder: a CA, and certificates it signs for servers and clients, as PKCS12 key
 * stores and a PKCS12 trust store (password {@link #password()}) and as PEM files for peers that are not Java
 * (Python, swaks, openssl). Certificates are made by the JDK's keytool as child processes, so no crypto library is
 * needed; the key stores' chains (leaf, CA) and the PEM files are written here with the JDK's own APIs.
 *
 * <p>Two {@code TestPki}s in two folders are two unrelated CAs: a certificate of one is untrusted by the other's
 * trust store. Calling {@link #serverKeyStore} again with the same name replaces the key store at the same path
 * (atomically, by a rename) with a new key and a new serial: what a certificate-reload test needs.
 */
public final class TestPki {
    private static final String PASSWORD = "changeit";
    private static final String CA = "ca";

    private final Path dir;
    private final X509Certificate caCertificate;

    private TestPki(Path dir, X509Certificate caCertificate) {
        this.dir = dir;
        this.caCertificate = caCertificate;
    }

    /** A new CA in {@code dir} (created if absent), with its trust store {@code truststore.p12} and {@code ca.pem}. */
    public static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caStore = dir.resolve("ca.p12");
            Files.deleteIfExists(caStore);
            keytool("-genkeypair", "-alias", CA, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=mmsguard test CA " + dir.getFileName(), "-ext", "bc:c",
                    "-ext", "ku:c=keyCertSign,cRLSign", "-keystore", caStore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            X509Certificate ca = (X509Certificate) load(caStore).getCertificate(CA);
            writePem(dir.resolve("ca.pem"), List.of(ca));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(CA, ca);
            store(trust, dir.resolve("truststore.p12"));
            return new TestPki(dir, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The password of every key store and the trust store here, and of their keys. */
    public String password() {
        return PASSWORD;
    }

    public Path dir() {
        return dir;
    }

    /** A PKCS12 trust store holding only this CA. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** The CA certificate as PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * {@code <name>.p12}: a key (alias {@code name}) with a certificate for {@code CN=name} signed by this CA, for
     * server and client authentication, plus {@code <name>-key.pem} and {@code <name>-cert.pem} (leaf then CA).
     *
     * @param subjectAltNames keytool's form, e.g. {@code "ip:127.0.0.1"}, {@code "dns:localhost"},
     *                        {@code "email:vasp@example.org"}
     */
    public Path serverKeyStore(String name, String... subjectAltNames) {
        return keyStore(name, name, "serverAuth,clientAuth", subjectAltNames);
    }

    /** As {@link #serverKeyStore}, for a client whose subject is {@code CN=commonName} (file names from it too). */
    public Path clientKeyStore(String commonName, String... subjectAltNames) {
        return keyStore(commonName, commonName, "clientAuth", subjectAltNames);
    }

    /** {@code <name>-key.pem}: the unencrypted PKCS#8 private key of {@link #serverKeyStore}/{@link #clientKeyStore}. */
    public Path keyPem(String name) {
        return dir.resolve(fileName(name) + "-key.pem");
    }

    /** {@code <name>-cert.pem}: the certificate chain (leaf, CA) of a key store made here. */
    public Path certPem(String name) {
        return dir.resolve(fileName(name) + "-cert.pem");
    }

    /** The leaf certificate in a key store made here (e.g. to compare serials after a reload). */
    public X509Certificate certificate(Path keyStore) {
        try {
            KeyStore ks = load(keyStore);
            String alias = ks.aliases().nextElement();
            return (X509Certificate) ks.getCertificate(alias);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client context that trusts this CA and, if {@code keyStore} is not null, presents its certificate. */
    public SSLContext sslContext(Path keyStore) {
        return sslContext(keyStore, trustStore());
    }

    /**
     * A TLS context trusting the CAs of {@code trustStore} and presenting the certificate of {@code keyStore} (if not
     * null), both made by a {@code TestPki}: e.g. a client whose certificate another CA signed.
     */
    public static SSLContext sslContext(Path keyStore, Path trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore), PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path keyStore(String name, String commonName, String extendedKeyUsage, String... subjectAltNames) {
        String file = fileName(name);
        Path target = dir.resolve(file + ".p12");
        Path work = dir.resolve(file + ".work.p12");
        Path csr = dir.resolve(file + ".csr");
        Path signed = dir.resolve(file + ".crt");
        try {
            Files.deleteIfExists(work);
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + commonName, "-keystore", work.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            keytool("-certreq", "-alias", name, "-keystore", work.toString(), "-storepass", PASSWORD,
                    "-file", csr.toString());
            List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", CA, "-keystore",
                    dir.resolve("ca.p12").toString(), "-storepass", PASSWORD, "-infile", csr.toString(),
                    "-outfile", signed.toString(), "-rfc", "-validity", "2", "-ext", "ku=digitalSignature",
                    "-ext", "eku=" + extendedKeyUsage));
            if (subjectAltNames.length > 0) {
                gencert.add("-ext");
                gencert.add("san=" + String.join(",", subjectAltNames));
            }
            keytool(gencert.toArray(String[]::new));

            X509Certificate leaf;
            try (InputStream in = Files.newInputStream(signed)) {
                leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore ks = load(work);
            PrivateKey key = (PrivateKey) ks.getKey(name, PASSWORD.toCharArray());
            ks.setKeyEntry(name, key, PASSWORD.toCharArray(), new Certificate[] {leaf, caCertificate});
            store(ks, work);
            writePrivateKeyPem(keyPem(name), key);
            writePem(certPem(name), List.of(leaf, caCertificate));
            Files.move(work, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(csr);
            Files.deleteIfExists(signed);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    private static void writePem(Path file, List<X509Certificate> certificates)
            throws IOException, GeneralSecurityException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            pem.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static void writePrivateKeyPem(Path file, Key key) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool is a JVM: these two flags halve its start on a busy machine.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-J-XX:+UseSerialGC");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
