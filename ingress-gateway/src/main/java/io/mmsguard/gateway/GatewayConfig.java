package io.mmsguard.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.mmsguard.gateway.auth.NamedCredentials;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.http.UpstreamSettings;
import io.mmsguard.gateway.http.UpstreamTls;
import io.mmsguard.gateway.mm3.LocalDomains;
import io.mmsguard.gateway.mm4.Mm4Peer;
import io.mmsguard.gateway.mm4.Mm4Peers;
import io.mmsguard.gateway.smtp.SmtpAccess;
import io.mmsguard.gateway.smtp.SmtpUsers;
import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.smtp.BareNewlines;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.tls.TlsSettings;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.AdminAuth;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKey;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.service.log.UserInfo;
import io.mmsguard.smtp.SmtpClientSecurity;

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
 * @param shutdownGrace   on a stop, how long the messages already read may take to be answered
 * @param adminAuth       who may use the admin routes (/status)
 * @param msisdnLog       how senders and recipients are logged
 * @param logFormat       text or JSON logs
 */
public record GatewayConfig(String gatewayId, List<Integer> replyPartitions, Duration decisionTimeout,
                            int maxPending, long maxPendingBytes, String httpHost, int httpPort, Map<String, String> kafka, Map<String, String> serde,
                            String inboundTopic, String decisionsTopic, String profilesTopic,
                            UpstreamSettings upstream,
                            Optional<Listener<Mm1Settings>> mm1, Optional<Listener<Mm7Settings>> mm7,
                            Optional<SmtpListenerConfig> mm3, Optional<SmtpListenerConfig> mm4,
                            Duration maxClockSkew, Duration shutdownGrace, UpstreamTls upstreamTls, AdminAuth adminAuth,
                            MsisdnLog msisdnLog, LogFormat logFormat) {

    /** A protocol's listener settings and its proxy settings. */
    public record Listener<S>(ListenerSettings listener, S proxy) {
    }

    /** The size defaults, from the one figure: content inline up to it, listeners accepting its wire size. */
    private static final String CONTENT = Integer.toString(MessageSize.MAX_CONTENT_BYTES);
    private static final String WIRE = Integer.toString(MessageSize.MAX_WIRE_BYTES);
    /**
     * Connections one client address may hold on a listener. A peer MMSC (MM4) or VASP (MM7) uses tens (Postfix
     * sends at most 20 at once to one destination); a handset one or two. The operator's WAP gateway, which carries
     * every handset's connections, is among {@code mm1.msisdn.trusted-proxies} and exempt.
     */
    private static final int MAX_CONNECTIONS_PER_ADDRESS = 256;

    /** Every key the gateway accepts; per listener only the keys of its kind (HTTP or SMTP) and its protocol. */
    public static final ConfigKeys KEYS = ConfigKeys.builder()
            .key("gateway.id", null, "written on every envelope (gatewayId); default: the host name")
            .key("gateway.reply-partitions", null, "explicit mms.decisions partitions this instance reads, e.g. 0,1")
            .key("gateway.ordinal", "0", "without reply-partitions: owns ordinal*n .. ordinal*n+n-1")
            .key("gateway.partitions-per-gateway", "1", "n, reply partitions per gateway")
            .key("gateway.decision-timeout", "5s", "a session without a decision by then fails temporarily")
            .key("gateway.max-clock-skew", "5s", "the clock off the brokers' append time by more: not ready")
            .key("gateway.shutdown-grace", "20s",
                    "on SIGTERM: not ready, no new connections, and this long for the messages read to be answered")
            .key("gateway.max-pending", "10000", "sessions waiting for decisions at which listeners stop reading")
            .key("gateway.max-pending-bytes", null,
                    "cap on message bytes read and not yet answered; default: max heap / 8, at least the minimum")
            .key("gateway.http-host", "127.0.0.1", "address of the admin HTTP server")
            .key("gateway.http-port", "8092", "admin HTTP port (/metrics, /health/*)")
            .key("gateway.upstream-connect-timeout", "5s", "connect timeout towards the MMSC (MM1, MM7) and the SMTP relays")
            .key("gateway.upstream-response-timeout", "60s",
                    "response timeout towards the MMSC (MM1, MM7), from the end of the request's write")
            .key("gateway.upstream-max-connections", "64", "keep-alive connections per upstream per event loop")
            .key("gateway.upstream-max-waiting", "512", "requests waiting for a connection per upstream per event loop")
            .key("gateway.upstream-idle-timeout", "30s", "a pooled upstream connection unused this long is closed")
            .key("gateway.upstream-max-response-bytes", WIRE, "largest upstream answer accepted")
            .key("gateway.upstream-trust-store", null,
                    "PKCS12 trust store for https upstreams and the SMTP relays; default: the JDK's CAs")
            .key("gateway.upstream-trust-store-password", null, "its password")
            .key("gateway.upstream-trust-store-password-file", null, "a file holding that password, instead")
            .key("gateway.upstream-key-store", null,
                    "PKCS12 key store: the client certificate shown to https upstreams and the SMTP relays' upstreams")
            .key("gateway.upstream-key-store-password", null, "its password (and its key's)")
            .key("gateway.upstream-key-store-password-file", null, "a file holding that password, instead")
            .key("topics.inbound", Topics.INBOUND, "topic of the envelopes")
            .key("topics.decisions", Topics.DECISIONS, "topic of the decisions")
            .key("topics.profiles", Topics.PROFILES, "topic of the profiles")
            .kafkaAndRegistry()
            .adminAccess()
            .logging()
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
            .key("mm3.local-domains", null, "the MMSC's recipient domains; RCPT elsewhere: 550 5.7.1 (required)")
            .pattern("mm3.auth.user.<user>", '.', "an SMTP AUTH user: <user>.password or <user>.password-file")
            .addAll(smtpListener("mm4", "2526"))
            .key("mm4.system-address", null, "our MMSC system user, sender of MM4_forward.RES (required)")
            .key("mm4.mms-version", "6.10.0", "X-Mms-3GPP-MMS-Version of the responses")
            .key("mm4.peers", null, "any: every client is a peer, no responses sent (else mm4.peers.<name>.*)")
            .pattern("mm4.peers.<peer>", '.',
                    "<name>.domains, .networks (CIDR), .certificate, .response-address (host:port) of a peer MMSC")
            .pattern("mm4.peer.<domain>", '.', "refused: replaced by mm4.peers.<name>.response-address")
            .key("mm4.response-relay", null, "where responses to peers without a response-address go; "
                    + "default: mm4.upstream")
            .build();

    /** The keys of every listener, MM1, MM7 (HTTP), MM3 and MM4 (SMTP). */
    private static List<ConfigKey> listener(String name, String enabled, String port, String upstream) {
        List<ConfigKey> keys = new ArrayList<>(List.of(
                ConfigKey.of(name + ".enabled", enabled, "whether the listener runs"),
                ConfigKey.of(name + ".listen", "0.0.0.0:" + port, "host:port the listener binds"),
                ConfigKey.of(name + ".upstream", null, upstream),
                ConfigKey.of(name + ".profile", "default", "the profile named on every envelope"),
                ConfigKey.of(name + ".inline-limit", CONTENT, "decoded bytes that travel in the envelope; over: oversize"),
                ConfigKey.of(name + ".max-connections", "10000", "more are closed at accept"),
                ConfigKey.of(name + ".max-connections-per-address", Integer.toString(MAX_CONNECTIONS_PER_ADDRESS),
                        "more from one client address are closed at accept"),
                ConfigKey.of(name + ".idle-timeout", "60s", "a connection without traffic is closed")));
        keys.addAll(TlsSettings.keys(name + ".tls", "the listener speaks TLS"));
        return keys;
    }

    private static List<ConfigKey> httpListener(String name, String enabled, String port) {
        List<ConfigKey> keys = new ArrayList<>(listener(name, enabled, port, "the MMSC's URL (required)"));
        keys.add(ConfigKey.of(name + ".max-header-bytes", "16384", "request line and headers; over: 431"));
        keys.add(ConfigKey.of(name + ".max-body-bytes", WIRE, "request body; over: 413"));
        keys.add(ConfigKey.of(name + ".head-deadline", "10s",
                "request line and headers must arrive within this from the request's first byte; then 408"));
        keys.add(ConfigKey.of(name + ".request-deadline", "30s",
                "a request must arrive whole within this from its first byte; then 408"));
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
        keys.addAll(TlsSettings.keys(name + ".starttls", "offered through STARTTLS"));
        keys.add(ConfigKey.of(name + ".require-tls", "false",
                "before TLS only EHLO, HELO, STARTTLS, NOOP, RSET, QUIT; else 530 5.7.0"));
        keys.add(ConfigKey.of(name + ".upstream-tls", "none",
                "the relays' TLS: none, opportunistic (STARTTLS if offered), required (STARTTLS), implicit"));
        keys.add(ConfigKey.of(name + ".upstream-user", null, "the relays' SMTP AUTH user (needs upstream-tls "
                + "required or implicit)"));
        keys.add(ConfigKey.of(name + ".upstream-password", null, "its password"));
        keys.add(ConfigKey.of(name + ".upstream-password-file", null, "a file holding that password, instead"));
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
        Optional<SmtpListenerConfig> mm3 = Optional.empty();
        if (s.bool("mm3.enabled", false)) {
            mm3 = Optional.of(smtpListener(s, "mm3", 2525, localDomains(s), authUsers(s, "mm3"), Optional.empty()));
        }
        Optional<SmtpListenerConfig> mm4 = Optional.empty();
        if (s.bool("mm4.enabled", false)) {
            InetSocketAddress upstream = hostPort(s, "mm4.upstream", s.string("mm4.upstream"));
            Mm4Peers peers = mm4Peers(s);
            mm4 = Optional.of(smtpListener(s, "mm4", 2526, peers, SmtpUsers.NONE,
                    Optional.of(new SmtpListenerConfig.Mm4Responses(
                    s.string("mm4.system-address"), s.string("mm4.mms-version", "6.10.0"), peers,
                    s.find("mm4.response-relay").map(v -> hostPort(s, "mm4.response-relay", v)).orElse(upstream)))));
        }
        return new GatewayConfig(s.string("gateway.id", hostName()), replyPartitions(s),
                s.duration("gateway.decision-timeout", Duration.ofSeconds(5)),
                s.integer("gateway.max-pending", 10_000), maxPendingBytes(s, largestMessage(mm1, mm7, mm3, mm4)), s.string("gateway.http-host", "127.0.0.1"),
                s.integer("gateway.http-port", 8092), kafka, serde,
                s.string("topics.inbound", Topics.INBOUND), s.string("topics.decisions", Topics.DECISIONS),
                s.string("topics.profiles", Topics.PROFILES),
                upstream(s), mm1, mm7, mm3, mm4, maxClockSkew(s), shutdownGrace(s), UpstreamTls.from(s),
                AdminAuth.from(s, "gateway.http-host", s.string("gateway.http-host", "127.0.0.1")),
                MsisdnLog.from(s), LogFormat.from(s));
    }

    /**
     * {@code gateway.max-pending-bytes}, a hard cap on the bytes read and not yet answered (BufferedBytes). It may be
     * smaller than a message in each connection, not smaller than one largest message and two reads: that much is
     * kept for the one connection that reads on while the budget is spent, so that a message is never refused for
     * it, only delayed.
     */
    static long maxPendingBytes(Settings s, long largestMessage) {
        long minimum = BufferedBytes.minimumBudget(largestMessage);
        long budget = s.longValue("gateway.max-pending-bytes", BufferedBytes.defaultBudget(largestMessage));
        if (budget < minimum) {
            throw s.invalid("gateway.max-pending-bytes", "must be at least " + minimum + " (the largest message a "
                    + "listener accepts, " + largestMessage + " bytes, and two reads of " + BufferedBytes.READ_BYTES
                    + ": kept so that one message always completes), not " + budget);
        }
        return budget;
    }

    /** The most bytes one message takes on the wire on any listener: what the buffered-bytes budget keeps apart. */
    public long largestMessageBytes() {
        return largestMessage(mm1, mm7, mm3, mm4);
    }

    private static long largestMessage(Optional<Listener<Mm1Settings>> mm1, Optional<Listener<Mm7Settings>> mm7,
                                       Optional<SmtpListenerConfig> mm3, Optional<SmtpListenerConfig> mm4) {
        long http = Stream.concat(mm1.stream().map(Listener::listener), mm7.stream().map(Listener::listener))
                .mapToLong(l -> (long) l.maxHeaderBytes() + l.maxBodyBytes()).max().orElse(0);
        long smtp = Stream.concat(mm3.stream(), mm4.stream())
                .mapToLong(l -> l.smtp().maxMessageBytes()).max().orElse(0);
        return Math.max(http, smtp);
    }

    private static Duration maxClockSkew(Settings s) {
        Duration bound = s.duration("gateway.max-clock-skew", Duration.ofSeconds(5));
        if (bound.isNegative()) {
            throw s.invalid("gateway.max-clock-skew", "must not be negative, not " + bound);
        }
        return bound;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration shutdownGrace(Settings s) {
        Duration grace = s.duration("gateway.shutdown-grace", Duration.ofSeconds(20));
        if (grace.isNegative()) {
            throw s.invalid("gateway.shutdown-grace", "must not be negative, not " + grace);
        }
        return grace;
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
        Optional<TlsSettings> tls = TlsSettings.from(s, name + ".tls");
        // SMTP listeners do not use these (SmtpListener): their keys are refused there, the values are placeholders.
        int maxHeaderBytes = 16 * 1024;
        int maxBodyBytes = MessageSize.MAX_WIRE_BYTES;
        Duration requestDeadline = Duration.ofSeconds(30);
        Duration headDeadline = Duration.ofSeconds(10);
        // The proxies trusted to name the subscriber carry every subscriber's connections: no per-address cap.
        TrustedProxies exempt = TrustedProxies.NONE;
        if (http) {
            maxHeaderBytes = s.integer(name + ".max-header-bytes", maxHeaderBytes);
            maxBodyBytes = s.integer(name + ".max-body-bytes", maxBodyBytes);
            requestDeadline = s.duration(name + ".request-deadline", requestDeadline);
            // An operator who shortens the whole request's deadline below the head's default means the head too.
            headDeadline = s.duration(name + ".head-deadline", min(headDeadline, requestDeadline));
            if (headDeadline.isNegative() || headDeadline.isZero() || headDeadline.compareTo(requestDeadline) > 0) {
                throw s.invalid(name + ".head-deadline", "must be positive and at most " + name
                        + ".request-deadline (" + requestDeadline + "), not " + headDeadline);
            }
            exempt = trustedProxies(s, name + ".msisdn.trusted-proxies");
        }
        int maxPerAddress = s.integer(name + ".max-connections-per-address", MAX_CONNECTIONS_PER_ADDRESS);
        if (maxPerAddress < 1) {
            throw s.invalid(name + ".max-connections-per-address", "must be at least 1, not " + maxPerAddress);
        }
        return new ListenerSettings(name, listen.substring(0, colon), port,
                s.integer(name + ".max-connections", 10_000), maxHeaderBytes, maxBodyBytes,
                s.duration(name + ".idle-timeout", Duration.ofSeconds(60)), requestDeadline, tls, headDeadline,
                maxPerAddress, exempt);
    }

    /** {@code mm3.local-domains}: required, MM3 is no open relay. */
    private static LocalDomains localDomains(Settings s) {
        String key = "mm3.local-domains";
        String value = s.find(key).orElseThrow(() -> s.invalid(key, "is required with mm3.enabled: the MMSC's "
                + "recipient domains (RCPT TO any other domain is refused, 550 5.7.1), e.g. mms.mnc010.mcc234.gprs"));
        try {
            return new LocalDomains(List.of(value.split(",")));
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, "names no domain");
        }
    }

    /** {@code <listener>.auth.user.<user>.password} (or {@code .password-file}): the grammar of every credential. */
    private static SmtpUsers authUsers(Settings s, String name) {
        Map<String, String> passwords = new TreeMap<>();
        NamedCredentials.read(s, name + ".auth.user.", "SMTP user", Set.of()).forEach((user, entry) ->
                passwords.put(user, entry.password().orElseThrow()));
        return passwords.isEmpty() ? SmtpUsers.NONE : new SmtpUsers(passwords);
    }

    /**
     * {@code mm4.peers.<name>.*}, or {@code mm4.peers: any} written explicitly; MM4 with neither refuses to start. The
     * earlier {@code mm4.peer.<domain>} (a response address per domain) is refused with what to write instead.
     */
    private static Mm4Peers mm4Peers(Settings s) {
        Map<String, String> old = s.under("mm4.peer.");
        if (!old.isEmpty()) {
            Map.Entry<String, String> e = old.entrySet().iterator().next();
            throw s.invalid("mm4.peer." + e.getKey(), "is replaced by MM4 peers: write mm4.peers.<name>.domains: "
                    + e.getKey() + ", mm4.peers.<name>.networks (CIDR) and/or .certificate, and "
                    + "mm4.peers.<name>.response-address: " + e.getValue());
        }
        Optional<String> any = s.find("mm4.peers");
        Map<String, String> entries = s.under("mm4.peers.");
        if (any.isPresent()) {
            if (!any.get().trim().equals("any") || !entries.isEmpty()) {
                throw s.invalid("mm4.peers", "is either the word any (every client is a peer) or a map of peers, "
                        + "mm4.peers.<name>.domains/.networks/.certificate/.response-address");
            }
            return Mm4Peers.ANY;
        }
        Map<String, Map<String, String>> byPeer = new TreeMap<>();
        entries.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            String setting = key.substring(dot + 1);
            if (dot < 1 || !List.of("domains", "networks", "certificate", "response-address").contains(setting)) {
                throw s.invalid("mm4.peers." + key, "is not a peer setting: mm4.peers.<name>.domains, .networks, "
                        + ".certificate or .response-address");
            }
            byPeer.computeIfAbsent(key.substring(0, dot), k -> new TreeMap<>()).put(setting, value);
        });
        if (byPeer.isEmpty()) {
            throw s.invalid("mm4.peers", "is required with mm4.enabled: configure each peer MMSC as "
                    + "mm4.peers.<name>.domains and .networks (CIDR) and/or .certificate, or write mm4.peers: any");
        }
        List<Mm4Peer> peers = new ArrayList<>();
        byPeer.forEach((name, p) -> {
            String prefix = "mm4.peers." + name + ".";
            Optional<TrustedProxies> networks = Optional.ofNullable(p.get("networks"))
                    .map(v -> trustedProxies(s, prefix + "networks"));
            try {
                peers.add(new Mm4Peer(name, new java.util.HashSet<>(List.of(p.getOrDefault("domains", "").split(","))), networks,
                        Optional.ofNullable(p.get("certificate")).map(String::trim),
                        Optional.ofNullable(p.get("response-address"))
                                .map(v -> hostPort(s, prefix + "response-address", v))));
            } catch (IllegalArgumentException e) {
                throw s.invalid(prefix + (p.containsKey("domains") ? "networks" : "domains"), e.getMessage());
            }
        });
        return Mm4Peers.of(peers);
    }

    private static SmtpListenerConfig smtpListener(Settings s, String name, int defaultPort, SmtpAccess access,
                                                   SmtpUsers users, Optional<SmtpListenerConfig.Mm4Responses> mm4) {
        String hostname = s.string(name + ".hostname", hostName());
        SmtpServerSettings defaults = SmtpServerSettings.defaults(hostname, s.longValue(name + ".max-message-bytes",
                MessageSize.MAX_WIRE_BYTES));
        Optional<TlsSettings> startTls = TlsSettings.from(s, name + ".starttls");
        SmtpServerSettings smtp = new SmtpServerSettings(hostname, defaults.maxMessageBytes(),
                s.integer(name + ".max-line-length", defaults.maxLineLength()),
                s.integer(name + ".max-recipients", defaults.maxRecipients()),
                s.duration(name + ".command-timeout", defaults.commandTimeout()), startTls, bareNewlines(s, name),
                s.bool(name + ".require-tls", false), users);
        ListenerSettings listener = listener(s, name, defaultPort, false);
        boolean tls = listener.tls().isPresent() || startTls.isPresent();
        if (smtp.requireTls() && !tls) {
            throw s.invalid(name + ".require-tls", "needs a TLS key store: " + name + ".starttls.key-store (STARTTLS) or "
                    + name + ".tls.key-store (implicit TLS)");
        }
        if (users.enabled() && !tls) {
            throw s.invalid(name + ".auth.user", "AUTH is offered only under TLS: set " + name
                    + ".starttls.key-store or " + name + ".tls.key-store");
        }
        return new SmtpListenerConfig(listener, smtp, access,
                hostPort(s, name + ".upstream", s.string(name + ".upstream")), s.string(name + ".profile", "default"),
                s.longValue(name + ".inline-limit", MessageSize.MAX_CONTENT_BYTES), mm4, upstreamSecurity(s, name));
    }

    /** {@code <listener>.upstream-tls}, {@code .upstream-user} and {@code .upstream-password} of the SMTP relays. */
    private static SmtpClientSecurity.Policy upstreamSecurity(Settings s, String name) {
        try {
            return SmtpClientSecurity.Policy.read(name + ".upstream-tls", name + ".upstream-user",
                    name + ".upstream-password", s::find, s::secret);
        } catch (SmtpClientSecurity.InvalidSetting e) {
            throw s.invalid(e.key(), e.getMessage());
        }
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
            throw s.invalid(key, UserInfo.mask(e.getMessage()));
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
