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
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.http.UpstreamSettings;
import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.smtp.BareNewlines;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKey;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;

/**
 * The gateway's configuration; every key with its default and meaning is in docs/configuration.md.
 *
 * @param replyPartitions the partitions of mms.decisions this instance owns and reads
 * @param maxPendingBytes buffered message bytes (read, not yet answered) at which listeners stop reading
 * @param upstream        the HTTP upstream leg (MM1, MM7); its connect timeout also bounds SMTP relay connects
 * @param mm1             the MM1 listener and proxy, if enabled
 * @param mm7             the MM7 listener and proxy, if enabled
 * @param mm3             the MM3 SMTP listener, if enabled
 * @param mm4             the MM4 SMTP listener, if enabled
 * @param maxClockSkew    this host's clock off the brokers' by more than this: not ready
 */
public record GatewayConfig(String gatewayId, List<Integer> replyPartitions, Duration decisionTimeout,
                            int maxPending, long maxPendingBytes, String httpHost, int httpPort, Map<String, String> kafka, Map<String, String> serde,
                            String inboundTopic, String decisionsTopic, String profilesTopic,
                            UpstreamSettings upstream,
                            Optional<Listener<Mm1Settings>> mm1, Optional<Listener<Mm7Settings>> mm7,
                            Optional<SmtpListenerConfig> mm3, Optional<SmtpListenerConfig> mm4,
                            Duration maxClockSkew) {

    /** A protocol's listener settings and its proxy settings. */
    public record Listener<S>(ListenerSettings listener, S proxy) {
    }

    /** The size defaults, from the one figure: content inline up to it, listeners accepting its wire size. */
    private static final String CONTENT = Integer.toString(MessageSize.MAX_CONTENT_BYTES);
    private static final String WIRE = Integer.toString(MessageSize.MAX_WIRE_BYTES);

    /** Every key the gateway accepts; per listener only the keys of its kind (HTTP or SMTP) and its protocol. */
    public static final ConfigKeys KEYS = ConfigKeys.builder()
            .key("gateway.id", null, "written on every envelope (gatewayId); default: the host name")
            .key("gateway.reply-partitions", null, "explicit mms.decisions partitions this instance reads, e.g. 0,1")
            .key("gateway.ordinal", "0", "without reply-partitions: owns ordinal*n .. ordinal*n+n-1")
            .key("gateway.partitions-per-gateway", "1", "n, reply partitions per gateway")
            .key("gateway.decision-timeout", "5s", "a session without a decision by then fails temporarily")
            .key("gateway.max-clock-skew", "5s", "the clock off the brokers' append time by more: not ready")
            .key("gateway.max-pending", "10000", "sessions waiting for decisions at which listeners stop reading")
            .key("gateway.max-pending-bytes", null,
                    "message bytes read and not yet answered at which listeners stop reading; default: max heap / 8")
            .key("gateway.http-host", "0.0.0.0", "address of the admin HTTP server")
            .key("gateway.http-port", "8092", "admin HTTP port (/metrics, /health/*)")
            .key("gateway.upstream-connect-timeout", "5s", "connect timeout towards the MMSC (MM1, MM7) and the SMTP relays")
            .key("gateway.upstream-response-timeout", "60s",
                    "response timeout towards the MMSC (MM1, MM7), from the end of the request's write")
            .key("gateway.upstream-max-connections", "64", "keep-alive connections per upstream per event loop")
            .key("gateway.upstream-max-waiting", "512", "requests waiting for a connection per upstream per event loop")
            .key("gateway.upstream-idle-timeout", "30s", "a pooled upstream connection unused this long is closed")
            .key("gateway.upstream-max-response-bytes", WIRE, "largest upstream answer accepted")
            .key("topics.inbound", Topics.INBOUND, "topic of the envelopes")
            .key("topics.decisions", Topics.DECISIONS, "topic of the decisions")
            .key("topics.profiles", Topics.PROFILES, "topic of the profiles")
            .kafkaAndRegistry()
            .addAll(httpListener("mm1", "true", "8080"))
            .key("mm1.retrieve-upstream", null, "where retrieval GETs go; default: mm1.upstream")
            .key("mm1.msisdn.trusted-proxies", null, "CIDR list whose MSISDN header/cookie is believed; default none")
            .addAll(httpListener("mm7", "false", "8081"))
            .key("mm7.vasp-upstream", null, "the VASP's URL for MMSC-originated requests")
            .key("mm7.deliver-path", "/vasp", "request path of MMSC-originated requests")
            .key("mm7.auth", "required", "required: VASPs and the deliver path authenticated; none: anyone (WARN)")
            .pattern("mm7.vasp.<vasp-id>", '-',
                    "that VASP's HTTP basic password; <vasp-id>.password, .password-file, .certificate")
            .key("mm7.deliver.allow", null, "CIDR list the deliver path accepts requests from")
            .key("mm7.deliver.certificate", null, "a name the client certificate on the deliver path must carry")
            .key("mm7.auth-backoff", "1s", "a VASP's back-off after its first authentication failure from an address")
            .key("mm7.auth-backoff-max", "60s", "the back-off doubles with each further failure up to this")
            .key("mm7.msisdn.trusted-proxies", null, "CIDR list whose MSISDN header/cookie is believed; default none")
            .addAll(smtpListener("mm3", "2525"))
            .addAll(smtpListener("mm4", "2526"))
            .key("mm4.system-address", null, "our MMSC system user, sender of MM4_forward.RES (required)")
            .key("mm4.mms-version", "6.10.0", "X-Mms-3GPP-MMS-Version of the responses")
            .pattern("mm4.peer.<domain>", '.', "host:port of the originating MMSC of that domain")
            .key("mm4.response-relay", null, "where other responses go; default: mm4.upstream")
            .build();

    /** The keys of every listener, MM1, MM7 (HTTP), MM3 and MM4 (SMTP). */
    private static List<ConfigKey> listener(String name, String enabled, String port, String upstream) {
        return List.of(
                ConfigKey.of(name + ".enabled", enabled, "whether the listener runs"),
                ConfigKey.of(name + ".listen", "0.0.0.0:" + port, "host:port the listener binds"),
                ConfigKey.of(name + ".upstream", null, upstream),
                ConfigKey.of(name + ".profile", "default", "the profile named on every envelope"),
                ConfigKey.of(name + ".inline-limit", CONTENT, "decoded bytes that travel in the envelope; over: oversize"),
                ConfigKey.of(name + ".max-connections", "10000", "more are closed at accept"),
                ConfigKey.of(name + ".idle-timeout", "60s", "a connection without traffic is closed"),
                ConfigKey.of(name + ".tls.key-store", null, "PKCS12 key store: the listener speaks TLS"),
                ConfigKey.of(name + ".tls.password", null, "its password"));
    }

    private static List<ConfigKey> httpListener(String name, String enabled, String port) {
        List<ConfigKey> keys = new ArrayList<>(listener(name, enabled, port, "the MMSC's URL (required)"));
        keys.add(ConfigKey.of(name + ".max-header-bytes", "16384", "request line and headers; over: 431"));
        keys.add(ConfigKey.of(name + ".max-body-bytes", WIRE, "request body; over: 413"));
        keys.add(ConfigKey.of(name + ".request-deadline", "30s", "a request must arrive whole within this"));
        return keys;
    }

    private static List<ConfigKey> smtpListener(String name, String port) {
        List<ConfigKey> keys = new ArrayList<>(listener(name, "false", port,
                "host:port of the MMSC's SMTP listener (required)"));
        keys.add(ConfigKey.of(name + ".hostname", null, "greeting and EHLO name; default: the host name"));
        keys.add(ConfigKey.of(name + ".max-message-bytes", WIRE, "advertised as SIZE; over: 552 5.3.4"));
        keys.add(ConfigKey.of(name + ".max-line-length", "998", "longest text line in DATA"));
        keys.add(ConfigKey.of(name + ".max-recipients", "100", "more RCPT get 452"));
        keys.add(ConfigKey.of(name + ".command-timeout", "5m", "wait for each command; then 421"));
        keys.add(ConfigKey.of(name + ".bare-newlines", "refuse",
                "DATA with a bare CR or LF: refuse (550 5.6.0) or normalise (to CRLF, before inspection)"));
        keys.add(ConfigKey.of(name + ".starttls.key-store", null, "PKCS12 key store offered through STARTTLS"));
        keys.add(ConfigKey.of(name + ".starttls.password", null, "its password"));
        return keys;
    }

    public static GatewayConfig from(Settings s) {
        Map<String, String> kafka = s.under("kafka.");
        Map<String, String> serde = s.under("serde.");
        Settings.requireKafkaAndRegistry(kafka, serde);
        Optional<Listener<Mm1Settings>> mm1 = Optional.empty();
        if (s.bool("mm1.enabled", true)) {
            URI upstream = uri(s, "mm1.upstream");
            mm1 = Optional.of(new Listener<>(listener(s, "mm1", 8080, true),
                    new Mm1Settings(upstream,
                            s.find("mm1.retrieve-upstream").map(v -> uri(s, "mm1.retrieve-upstream")).orElse(upstream),
                            s.string("mm1.profile", "default"),
                            s.longValue("mm1.inline-limit", MessageSize.MAX_CONTENT_BYTES),
                            trustedProxies(s, "mm1.msisdn.trusted-proxies"))));
        }
        Optional<Listener<Mm7Settings>> mm7 = Optional.empty();
        if (s.bool("mm7.enabled", false)) {
            mm7 = Optional.of(new Listener<>(listener(s, "mm7", 8081, true),
                    new Mm7Settings(uri(s, "mm7.upstream"),
                            s.find("mm7.vasp-upstream").map(v -> uri(s, "mm7.vasp-upstream")).orElse(null),
                            s.string("mm7.deliver-path", "/vasp"), s.string("mm7.profile", "default"),
                            s.longValue("mm7.inline-limit", MessageSize.MAX_CONTENT_BYTES),
                            Mm7AccessSettings.from(s, s.find("mm7.vasp-upstream").isPresent()),
                            trustedProxies(s, "mm7.msisdn.trusted-proxies"))));
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
                s.integer("gateway.max-pending", 10_000), maxPendingBytes(s), s.string("gateway.http-host", "0.0.0.0"),
                s.integer("gateway.http-port", 8092), kafka, serde,
                s.string("topics.inbound", Topics.INBOUND), s.string("topics.decisions", Topics.DECISIONS),
                s.string("topics.profiles", Topics.PROFILES),
                upstream(s), mm1, mm7, mm3, mm4, maxClockSkew(s));
    }

    /**
     * {@code gateway.max-pending-bytes}. It may be smaller than one message: while it is spent, one connection still
     * reads (BufferedBytes), so a message is never refused for it, only delayed.
     */
    static long maxPendingBytes(Settings s) {
        long budget = s.longValue("gateway.max-pending-bytes", BufferedBytes.defaultBudget());
        if (budget < 1) {
            throw s.invalid("gateway.max-pending-bytes", "must be at least 1, not " + budget);
        }
        return budget;
    }

    private static Duration maxClockSkew(Settings s) {
        Duration bound = s.duration("gateway.max-clock-skew", Duration.ofSeconds(5));
        if (bound.isNegative()) {
            throw s.invalid("gateway.max-clock-skew", "must not be negative, not " + bound);
        }
        return bound;
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
            try {
                return Arrays.stream(explicit.get().split(",")).map(String::trim).map(Integer::parseInt).toList();
            } catch (NumberFormatException e) {
                throw s.invalid("gateway.reply-partitions", "\"" + explicit.get() + "\" is not a list of partitions");
            }
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

    /** The socket of a listener; the HTTP limits only for an HTTP listener (an SMTP one has its message limits). */
    private static ListenerSettings listener(Settings s, String name, int defaultPort, boolean http) {
        String listen = s.string(name + ".listen", "0.0.0.0:" + defaultPort);
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (RuntimeException e) {
            throw s.invalid(name + ".listen", "must be host:port, not " + listen);
        }
        Optional<ListenerSettings.TlsSettings> tls = s.find(name + ".tls.key-store").map(ks ->
                new ListenerSettings.TlsSettings(Path.of(ks), s.string(name + ".tls.password", "").toCharArray()));
        // SMTP listeners do not use these (SmtpListener): their keys are refused there, the values are placeholders.
        int maxHeaderBytes = 16 * 1024;
        int maxBodyBytes = MessageSize.MAX_WIRE_BYTES;
        Duration requestDeadline = Duration.ofSeconds(30);
        if (http) {
            maxHeaderBytes = s.integer(name + ".max-header-bytes", maxHeaderBytes);
            maxBodyBytes = s.integer(name + ".max-body-bytes", maxBodyBytes);
            requestDeadline = s.duration(name + ".request-deadline", requestDeadline);
        }
        return new ListenerSettings(name, listen.substring(0, colon), port,
                s.integer(name + ".max-connections", 10_000), maxHeaderBytes, maxBodyBytes,
                s.duration(name + ".idle-timeout", Duration.ofSeconds(60)), requestDeadline, tls);
    }

    private static SmtpListenerConfig smtpListener(Settings s, String name, int defaultPort,
                                                   Optional<SmtpListenerConfig.Mm4Responses> mm4) {
        String hostname = s.string(name + ".hostname", hostName());
        SmtpServerSettings defaults = SmtpServerSettings.defaults(hostname, s.longValue(name + ".max-message-bytes",
                MessageSize.MAX_WIRE_BYTES));
        Optional<ListenerSettings.TlsSettings> startTls = s.find(name + ".starttls.key-store").map(ks ->
                new ListenerSettings.TlsSettings(Path.of(ks), s.string(name + ".starttls.password", "").toCharArray()));
        SmtpServerSettings smtp = new SmtpServerSettings(hostname, defaults.maxMessageBytes(),
                s.integer(name + ".max-line-length", defaults.maxLineLength()),
                s.integer(name + ".max-recipients", defaults.maxRecipients()),
                s.duration(name + ".command-timeout", defaults.commandTimeout()), startTls, bareNewlines(s, name));
        return new SmtpListenerConfig(listener(s, name, defaultPort, false), smtp,
                hostPort(s, name + ".upstream", s.string(name + ".upstream")), s.string(name + ".profile", "default"),
                s.longValue(name + ".inline-limit", MessageSize.MAX_CONTENT_BYTES), mm4);
    }

    private static BareNewlines bareNewlines(Settings s, String name) {
        String key = name + ".bare-newlines";
        String value = s.string(key, BareNewlines.REFUSE.value());
        return BareNewlines.parse(value).orElseThrow(() -> s.invalid(key, "must be refuse or normalise, not " + value));
    }

    /** {@code host:port}, also accepting {@code smtp://host:port}. */
    private static InetSocketAddress hostPort(Settings s, String key, String value) {
        String v = value.startsWith("smtp://") ? value.substring("smtp://".length()) : value;
        int colon = v.lastIndexOf(':');
        try {
            return InetSocketAddress.createUnresolved(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw s.invalid(key, "must be host:port, not " + value);
        }
    }

    private static TrustedProxies trustedProxies(Settings s, String key) {
        try {
            return TrustedProxies.parse(s.string(key, ""));
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, e.getMessage());
        }
    }

    private static URI uri(Settings s, String key) {
        try {
            return URI.create(s.string(key));
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, e.getMessage());
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
