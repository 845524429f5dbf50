package io.mmsguard.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.http.UpstreamSettings;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;

/**
 * The gateway's configuration; every key with its default and meaning is in docs/configuration.md.
 *
 * @param replyPartitions the partitions of mms.decisions this instance owns and reads
 * @param upstream        the HTTP upstream leg (MM1, MM7); its connect timeout also bounds SMTP relay connects
 * @param mm1             the MM1 listener and proxy, if enabled
 * @param mm7             the MM7 listener and proxy, if enabled
 * @param mm3             the MM3 SMTP listener, if enabled
 * @param mm4             the MM4 SMTP listener, if enabled
 */
public record GatewayConfig(String gatewayId, List<Integer> replyPartitions, Duration decisionTimeout,
                            int maxPending, String httpHost, int httpPort, Map<String, String> kafka, Map<String, String> serde,
                            String inboundTopic, String decisionsTopic, String profilesTopic,
                            UpstreamSettings upstream,
                            Optional<Listener<Mm1Settings>> mm1, Optional<Listener<Mm7Settings>> mm7,
                            Optional<SmtpListenerConfig> mm3, Optional<SmtpListenerConfig> mm4) {

    /** A protocol's listener settings and its proxy settings. */
    public record Listener<S>(ListenerSettings listener, S proxy) {
    }

    public static final List<String> KEYS = List.of("gateway.id", "gateway.ordinal", "gateway.partitions-per-gateway",
            "gateway.reply-partitions", "gateway.decision-timeout", "gateway.max-pending", "gateway.http-host", "gateway.http-port",
            "gateway.upstream-connect-timeout", "gateway.upstream-response-timeout",
            "gateway.upstream-max-connections", "gateway.upstream-max-waiting", "gateway.upstream-idle-timeout",
            "gateway.upstream-max-response-bytes",
            "topics.inbound", "topics.decisions", "topics.profiles", "kafka.bootstrap.servers",
            "serde.schema.registry.url",
            "mm1.enabled", "mm1.listen", "mm1.upstream", "mm1.retrieve-upstream", "mm1.profile", "mm1.inline-limit",
            "mm1.max-connections", "mm1.max-header-bytes", "mm1.max-body-bytes", "mm1.idle-timeout",
            "mm1.request-deadline", "mm1.tls.key-store", "mm1.tls.password",
            "mm7.enabled", "mm7.listen", "mm7.upstream", "mm7.vasp-upstream", "mm7.deliver-path", "mm7.profile",
            "mm7.inline-limit", "mm7.max-connections", "mm7.max-header-bytes", "mm7.max-body-bytes",
            "mm7.idle-timeout", "mm7.request-deadline", "mm7.tls.key-store", "mm7.tls.password",
            "mm3.enabled", "mm3.listen", "mm3.upstream", "mm3.profile", "mm3.inline-limit", "mm3.hostname",
            "mm3.max-message-bytes", "mm3.max-line-length", "mm3.max-recipients", "mm3.command-timeout",
            "mm3.max-connections", "mm3.idle-timeout", "mm3.starttls.key-store", "mm3.starttls.password",
            "mm3.tls.key-store", "mm3.tls.password",
            "mm4.enabled", "mm4.listen", "mm4.upstream", "mm4.profile", "mm4.inline-limit", "mm4.hostname",
            "mm4.max-message-bytes", "mm4.max-line-length", "mm4.max-recipients", "mm4.command-timeout",
            "mm4.max-connections", "mm4.idle-timeout", "mm4.starttls.key-store", "mm4.starttls.password",
            "mm4.tls.key-store", "mm4.tls.password", "mm4.system-address", "mm4.mms-version",
            "mm4.response-relay");

    public static final List<String> PASS_THROUGH = List.of("kafka.", "serde.", "mm7.vasp.", "mm4.peer.");

    public static GatewayConfig from(Settings s) {
        Map<String, String> kafka = s.under("kafka.");
        Map<String, String> serde = s.under("serde.");
        Settings.requireKafkaAndRegistry(kafka, serde);
        Optional<Listener<Mm1Settings>> mm1 = Optional.empty();
        if (s.bool("mm1.enabled", true)) {
            URI upstream = uri(s, "mm1.upstream");
            mm1 = Optional.of(new Listener<>(listener(s, "mm1", 8080),
                    new Mm1Settings(upstream, s.find("mm1.retrieve-upstream").map(URI::create).orElse(upstream),
                            s.string("mm1.profile", "default"), s.longValue("mm1.inline-limit", 10L << 20))));
        }
        Optional<Listener<Mm7Settings>> mm7 = Optional.empty();
        if (s.bool("mm7.enabled", false)) {
            mm7 = Optional.of(new Listener<>(listener(s, "mm7", 8081),
                    new Mm7Settings(uri(s, "mm7.upstream"), s.find("mm7.vasp-upstream").map(URI::create).orElse(null),
                            s.string("mm7.deliver-path", "/vasp"), s.string("mm7.profile", "default"),
                            s.longValue("mm7.inline-limit", 10L << 20), s.under("mm7.vasp."))));
        }
        Optional<SmtpListenerConfig> mm3 = s.bool("mm3.enabled", false)
                ? Optional.of(smtpListener(s, "mm3", 2525, Optional.empty())) : Optional.empty();
        Optional<SmtpListenerConfig> mm4 = Optional.empty();
        if (s.bool("mm4.enabled", false)) {
            InetSocketAddress upstream = hostPort(s, "mm4.upstream", s.string("mm4.upstream"));
            Map<String, InetSocketAddress> peers = new java.util.TreeMap<>();
            s.under("mm4.peer.").forEach((domain, address) ->
                    peers.put(domain.toLowerCase(java.util.Locale.ROOT), hostPort(s, "mm4.peer." + domain, address)));
            mm4 = Optional.of(smtpListener(s, "mm4", 2526, Optional.of(new SmtpListenerConfig.Mm4Responses(
                    s.string("mm4.system-address"), s.string("mm4.mms-version", "6.10.0"), peers,
                    s.find("mm4.response-relay").map(v -> hostPort(s, "mm4.response-relay", v)).orElse(upstream)))));
        }
        return new GatewayConfig(s.string("gateway.id", hostName()), replyPartitions(s),
                s.duration("gateway.decision-timeout", Duration.ofSeconds(5)),
                s.integer("gateway.max-pending", 10_000), s.string("gateway.http-host", "0.0.0.0"),
                s.integer("gateway.http-port", 8092), kafka, serde,
                s.string("topics.inbound", Topics.INBOUND), s.string("topics.decisions", Topics.DECISIONS),
                s.string("topics.profiles", Topics.PROFILES),
                upstream(s), mm1, mm7, mm3, mm4);
    }

    private static UpstreamSettings upstream(Settings s) {
        UpstreamSettings defaults = UpstreamSettings.defaults(
                s.duration("gateway.upstream-connect-timeout", Duration.ofSeconds(5)),
                s.duration("gateway.upstream-response-timeout", Duration.ofSeconds(60)));
        try {
            return new UpstreamSettings(defaults.connectTimeout(), defaults.responseTimeout(),
                    s.integer("gateway.upstream-max-connections", defaults.maxConnections()),
                    s.integer("gateway.upstream-max-waiting", defaults.maxWaiting()),
                    s.duration("gateway.upstream-idle-timeout", defaults.idleTimeout()),
                    s.integer("gateway.upstream-max-response-bytes", defaults.maxResponseBytes()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("gateway.upstream-*: " + e.getMessage());
        }
    }

    /**
     * Explicit {@code gateway.reply-partitions} ("0,1"), else {@code gateway.ordinal} (a StatefulSet index) times
     * {@code gateway.partitions-per-gateway}: ordinal 2 with 2 per gateway owns partitions 4 and 5.
     */
    static List<Integer> replyPartitions(Settings s) {
        Optional<String> explicit = s.find("gateway.reply-partitions");
        if (explicit.isPresent()) {
            return Arrays.stream(explicit.get().split(",")).map(String::trim).map(Integer::parseInt).toList();
        }
        int ordinal = s.integer("gateway.ordinal", 0);
        int per = s.integer("gateway.partitions-per-gateway", 1);
        if (ordinal < 0 || per < 1) {
            throw new ConfigException("gateway.ordinal must be >= 0 and gateway.partitions-per-gateway >= 1");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < per; i++) {
            out.add(ordinal * per + i);
        }
        return out;
    }

    private static ListenerSettings listener(Settings s, String name, int defaultPort) {
        String listen = s.string(name + ".listen", "0.0.0.0:" + defaultPort);
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(name + ".listen must be host:port, not " + listen);
        }
        Optional<ListenerSettings.TlsSettings> tls = s.find(name + ".tls.key-store").map(ks ->
                new ListenerSettings.TlsSettings(Path.of(ks), s.string(name + ".tls.password", "").toCharArray()));
        return new ListenerSettings(name, listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)),
                s.integer(name + ".max-connections", 10_000), s.integer(name + ".max-header-bytes", 16 * 1024),
                s.integer(name + ".max-body-bytes", 16 << 20), s.duration(name + ".idle-timeout", Duration.ofSeconds(60)),
                s.duration(name + ".request-deadline", Duration.ofSeconds(30)), tls);
    }

    private static SmtpListenerConfig smtpListener(Settings s, String name, int defaultPort,
                                                   Optional<SmtpListenerConfig.Mm4Responses> mm4) {
        String hostname = s.string(name + ".hostname", hostName());
        SmtpServerSettings defaults = SmtpServerSettings.defaults(hostname, s.longValue(name + ".max-message-bytes",
                16L << 20));
        Optional<ListenerSettings.TlsSettings> startTls = s.find(name + ".starttls.key-store").map(ks ->
                new ListenerSettings.TlsSettings(Path.of(ks), s.string(name + ".starttls.password", "").toCharArray()));
        SmtpServerSettings smtp = new SmtpServerSettings(hostname, defaults.maxMessageBytes(),
                s.integer(name + ".max-line-length", defaults.maxLineLength()),
                s.integer(name + ".max-recipients", defaults.maxRecipients()),
                s.duration(name + ".command-timeout", defaults.commandTimeout()), startTls);
        return new SmtpListenerConfig(listener(s, name, defaultPort), smtp,
                hostPort(s, name + ".upstream", s.string(name + ".upstream")), s.string(name + ".profile", "default"),
                s.longValue(name + ".inline-limit", 10L << 20), mm4);
    }

    /** {@code host:port}, also accepting {@code smtp://host:port}. */
    private static InetSocketAddress hostPort(Settings s, String key, String value) {
        String v = value.startsWith("smtp://") ? value.substring("smtp://".length()) : value;
        int colon = v.lastIndexOf(':');
        try {
            return InetSocketAddress.createUnresolved(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ConfigException(key + " must be host:port, not " + value, e);
        }
    }

    private static URI uri(Settings s, String key) {
        try {
            return URI.create(s.string(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "gateway";
        }
    }
}
