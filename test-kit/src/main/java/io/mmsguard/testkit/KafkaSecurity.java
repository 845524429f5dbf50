package io.mmsguard.testkit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.testkit.tls.TestPki;

/**
 * A test broker's security as compose and Kubernetes run it: clients on SASL_SSL with SCRAM-SHA-512 (SASL_PLAINTEXT
 * without a PKI), authorization by ACLs (KRaft's StandardAuthorizer, so anything not granted is denied), one super user
 * ({@link #ADMIN}) that creates topics and ACLs. The users' SCRAM credentials are written when the data directory is
 * formatted. The controller listener stays PLAINTEXT on loopback (KRaft controllers cannot check SCRAM, which lives in
 * the metadata they serve), so its principal, ANONYMOUS, is a super user too.
 *
 * @param users name to password, the admin included
 * @param pki   the CA that signs the broker's certificate and that clients trust; empty for SASL_PLAINTEXT
 */
public record KafkaSecurity(Map<String, String> users, Optional<TestPki> pki) {
    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    public KafkaSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("no " + ADMIN + " user");
        }
    }

    /** The admin and {@code names}, each with a random password. */
    public static KafkaSecurity scram(List<String> names, Optional<TestPki> pki) {
        Map<String, String> users = new LinkedHashMap<>();
        users.put(ADMIN, randomPassword());
        names.forEach(n -> users.put(n, randomPassword()));
        return new KafkaSecurity(users, pki);
    }

    /** SASL_SSL with a PKI, SASL_PLAINTEXT without: also the client listener's name. */
    public String protocol() {
        return pki.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    public String password(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user);
        }
        return password;
    }

    /** kafka-storage's --add-scram arguments: every user's credential, in the metadata from the start. */
    List<String> scramArguments() {
        List<String> out = new ArrayList<>();
        users.forEach((name, password) -> out.add(MECHANISM + "=[name=" + name + ",password=" + password + "]"));
        return out;
    }

    /**
     * The broker's settings: the client (and inter-broker) listener named {@link #protocol()}, the controller listener
     * PLAINTEXT. {@code listeners} and {@code advertised.listeners} are the caller's.
     *
     * @param host the address the broker's certificate is issued for
     */
    Map<String, String> brokerProperties(String controllerListener, String host) {
        String listener = protocol();
        Map<String, String> p = new HashMap<>();
        p.put("listener.security.protocol.map", listener + ":" + listener + "," + controllerListener + ":PLAINTEXT");
        p.put("inter.broker.listener.name", listener);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + "." + MECHANISM.toLowerCase(java.util.Locale.ROOT)
                + ".sasl.jaas.config", jaas(ADMIN, password(ADMIN)));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        pki.ifPresent(ca -> {
            p.put("ssl.keystore.type", "PKCS12");
            p.put("ssl.keystore.location", ca.serverKeyStore("kafka-broker", "ip:" + host, "dns:localhost").toString());
            p.put("ssl.keystore.password", ca.password());
            p.put("ssl.key.password", ca.password());
            p.put("ssl.truststore.type", "PKCS12");
            p.put("ssl.truststore.location", ca.trustStore().toString());
            p.put("ssl.truststore.password", ca.password());
        });
        return p;
    }

    /** What a client of {@code user} adds to bootstrap.servers: protocol, mechanism, JAAS and the trust store. */
    public Map<String, Object> clientProperties(String user) {
        return clientProperties(user, password(user));
    }

    /** As {@link #clientProperties(String)} with any password (a wrong one, to see it refused). */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("security.protocol", protocol());
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(user, password));
        pki.ifPresent(ca -> {
            // PEM: what a service gets from Strimzi's cluster CA secret (ca.crt) or compose's certificate step.
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", ca.caPem().toString());
        });
        return p;
    }

    /** Names the users, never their passwords. */
    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol() + ", SCRAM users " + users.keySet() + "]";
    }

    public static String jaas(String user, String password) {
        return LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < 24; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
