package io.mmsguard.notifier.app;

import io.mmsguard.notifier.delivery.DeliveryWorker;
import io.mmsguard.notifier.stream.NotifierService;
import io.mmsguard.notifier.stream.NotifierSettings;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.AdminAuth;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.service.tls.ClientStores;
import io.mmsguard.smtp.SmtpClientSecurity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The notifier service's configuration; every key, its default and its meaning is in docs/configuration.md
 * (section "Notifier").
 *
 * @param applicationId  Kafka Streams application id of the aggregation stage (consumer group, changelog topics)
 * @param deliveryGroupId consumer group of the delivery stage on the notices topic
 * @param kafka          Kafka client settings passed through ({@code kafka.*}) to both stages, bootstrap.servers
 *                       included; Kafka Streams settings (replication.factor, ...) apply to the aggregation
 * @param serde          Avro serde settings ({@code serde.*}): schema.registry.url and Confluent's other keys
 * @param stateDir       Kafka Streams state directory (the notice-windows store)
 * @param commitInterval how often the aggregation commits (a notice becomes visible to delivery at a commit)
 * @param httpHost       address the admin HTTP server binds
 * @param httpPort       admin HTTP port (metrics, health); 0 picks a free one
 * @param stream         topics and punctuation period of the aggregation
 * @param delivery       the delivery stage's topic and retry settings
 * @param adminAuth      who may use admin routes other than probes and metrics
 * @param msisdnLog      how senders and recipients are logged
 * @param logFormat      text or JSON logs
 */
public record NotifierConfig(String applicationId, String deliveryGroupId, Map<String, String> kafka,
                             Map<String, String> serde, Path stateDir, Duration commitInterval, String httpHost,
                             int httpPort, NotifierSettings stream, Delivery delivery, AdminAuth adminAuth,
                             MsisdnLog msisdnLog, LogFormat logFormat) {

    /** Every key the notifier accepts. */
    public static final ConfigKeys KEYS = ConfigKeys.builder()
            .key("notifier.application-id", NotifierService.APPLICATION_ID, "Kafka Streams application id")
            .key("notifier.state-dir", "data/notifier", "Kafka Streams state directory")
            .key("notifier.commit-interval", "100ms", "aggregation commit interval")
            .key("notifier.punctuation", "1s", "how often the aggregation sweeps for due notices")
            .key("notifier.http-host", "127.0.0.1", "address of the admin HTTP server")
            .key("notifier.http-port", "8093", "admin HTTP port (/metrics, /health/*)")
            .key("notifier.delivery.group-id", DeliveryWorker.GROUP_ID, "consumer group of the delivery stage")
            .key("notifier.delivery.max-attempts", "3", "tries per recipient before the dead-letter topic")
            .key("notifier.delivery.retry-initial", "1s", "wait after the first failed try")
            .key("notifier.delivery.retry-factor", "2", "each further wait is this many times the previous")
            .key("notifier.delivery.request-timeout", "10s", "HTTP timeout towards the MMSC or VASP gateway")
            .key("notifier.delivery.poll-timeout", "500ms", "poll timeout of the notices consumer")
            .key("notifier.delivery.smtp-hostname", null, "EHLO name of the mail sender; default: the host name")
            .key("notifier.delivery.smtp-connect-timeout", "10s", "TCP connect timeout towards the SMTP listener")
            .key("notifier.delivery.smtp-command-timeout", "60s", "wait for each SMTP reply")
            .key("notifier.delivery.smtp-threads", "4", "SMTP dialogues in flight at most")
            .key("notifier.delivery.smtp-tls", "none", "none, opportunistic, required (STARTTLS) or implicit")
            .key("notifier.delivery.smtp-user", null, "SMTP AUTH user (needs smtp-tls required or implicit)")
            .key("notifier.delivery.smtp-password", null, "its password")
            .key("notifier.delivery.smtp-password-file", null, "a file holding that password, instead")
            .key("notifier.delivery.smtp-trust-store", null, "PKCS12 trust store for the MMSC's SMTP certificate; "
                    + "default: the JDK's CAs")
            .key("notifier.delivery.smtp-trust-store-password", null, "its password")
            .key("notifier.delivery.smtp-trust-store-password-file", null, "a file holding that password, instead")
            .key("notifier.delivery.smtp-key-store", null, "PKCS12 key store: the client certificate shown to the MMSC")
            .key("notifier.delivery.smtp-key-store-password", null, "its password (and its key's)")
            .key("notifier.delivery.smtp-key-store-password-file", null, "a file holding that password, instead")
            .key("notifier.delivery.secrets-dir", null, "directory of credential files (one per credentialsRef)")
            .key("topics.alerts", Topics.ALERTS, "topic of the alerts")
            .key("topics.profiles", Topics.PROFILES, "topic of the profiles")
            .key("topics.notices", Topics.NOTICES, "topic of the notices")
            .key("topics.notices-dead", Topics.NOTICES_DEAD, "topic of the undeliverable notices")
            .kafkaAndRegistry()
            .adminAccess()
            .logging()
            .build();

    /**
     * @param deadTopic      where undeliverable notices go (JSON)
     * @param maxAttempts    tries per recipient while the MMSC answers with a retryable error
     * @param retryInitial   wait after the first failed try
     * @param retryFactor    each further wait is this many times the previous one (>= 1)
     * @param requestTimeout HTTP connect and request timeout of the MM1/MM7 senders
     * @param pollTimeout    poll timeout of the notices consumer (also how fast close() is noticed)
     * @param smtp           the MM3/MM4 mail sender's SMTP settings
     * @param secretsDir     directory of credential files named by the profiles' credentialsRef, or null for the
     *                       environment ({@code MMSGUARD_SECRET_<NAME>}) only
     */
    public record Delivery(String deadTopic, int maxAttempts, Duration retryInitial, double retryFactor,
                           Duration requestTimeout, Duration pollTimeout, Smtp smtp, Path secretsDir) {
        public Delivery {
            if (maxAttempts < 1 || retryFactor < 1 || retryInitial.isNegative()) {
                throw new ConfigException("notifier.delivery.max-attempts must be >= 1, "
                        + "notifier.delivery.retry-factor >= 1 and notifier.delivery.retry-initial >= 0");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero() || pollTimeout.isNegative()) {
                throw new ConfigException("notifier.delivery.request-timeout must be positive and "
                        + "notifier.delivery.poll-timeout >= 0");
            }
        }
    }

    /**
     * @param hostname       EHLO name of the mail sender
     * @param connectTimeout TCP connect timeout towards the MMSC's SMTP listener
     * @param commandTimeout wait for each SMTP reply
     * @param threads        SMTP dialogues in flight at most (each holds a thread)
     * @param security       TLS and AUTH towards the MMSC
     * @param stores         what the TLS of {@code security} trusts and shows
     */
    public record Smtp(String hostname, Duration connectTimeout, Duration commandTimeout, int threads,
                       SmtpClientSecurity.Policy security, ClientStores stores) {

        /** Plain SMTP. */
        public Smtp(String hostname, Duration connectTimeout, Duration commandTimeout, int threads) {
            this(hostname, connectTimeout, commandTimeout, threads, SmtpClientSecurity.Policy.NONE,
                    ClientStores.DEFAULT);
        }

        public Smtp {
            if (hostname.isBlank() || !hostname.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new ConfigException("notifier.delivery.smtp-hostname must be a host name: \"" + hostname + "\"");
            }
            if (!positive(connectTimeout) || !positive(commandTimeout) || threads < 1) {
                throw new ConfigException("notifier.delivery.smtp-connect-timeout and smtp-command-timeout must be "
                        + "positive and notifier.delivery.smtp-threads >= 1");
            }
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }

    public NotifierConfig {
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
        Settings.requireKafkaAndRegistry(kafka, serde);
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigException("notifier.http-port must be 0-65535: " + httpPort);
        }
    }

    public static NotifierConfig from(Settings s) {
        NotifierSettings d = NotifierSettings.defaults();
        NotifierSettings stream;
        try {
            stream = new NotifierSettings(s.string("topics.alerts", d.alertsTopic()),
                    s.string("topics.profiles", d.profilesTopic()), s.string("topics.notices", d.noticesTopic()),
                    s.duration("notifier.punctuation", d.punctuation()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("notifier.punctuation: " + e.getMessage(), e);
        }
        Delivery delivery = new Delivery(s.string("topics.notices-dead", Topics.NOTICES_DEAD),
                s.integer("notifier.delivery.max-attempts", 3),
                s.duration("notifier.delivery.retry-initial", Duration.ofSeconds(1)),
                factor(s.string("notifier.delivery.retry-factor", "2")),
                s.duration("notifier.delivery.request-timeout", Duration.ofSeconds(10)),
                s.duration("notifier.delivery.poll-timeout", Duration.ofMillis(500)),
                new Smtp(s.string("notifier.delivery.smtp-hostname", hostName()),
                        s.duration("notifier.delivery.smtp-connect-timeout", Duration.ofSeconds(10)),
                        s.duration("notifier.delivery.smtp-command-timeout", Duration.ofSeconds(60)),
                        s.integer("notifier.delivery.smtp-threads", 4), smtpSecurity(s),
                        ClientStores.from(s, "notifier.delivery.smtp-trust-store", "notifier.delivery.smtp-key-store")),
                secretsDir(s.string("notifier.delivery.secrets-dir", "")));
        return new NotifierConfig(
                s.string("notifier.application-id", NotifierService.APPLICATION_ID),
                s.string("notifier.delivery.group-id", DeliveryWorker.GROUP_ID),
                s.under("kafka."), s.under("serde."),
                Path.of(s.string("notifier.state-dir", "data/notifier")),
                s.duration("notifier.commit-interval", Duration.ofMillis(100)),
                s.string("notifier.http-host", "127.0.0.1"),
                s.integer("notifier.http-port", 8093),
                stream, delivery,
                AdminAuth.from(s, "notifier.http-host", s.string("notifier.http-host", "127.0.0.1")),
                MsisdnLog.from(s), LogFormat.from(s));
    }

    private static SmtpClientSecurity.Policy smtpSecurity(Settings s) {
        try {
            return SmtpClientSecurity.Policy.read("notifier.delivery.smtp-tls", "notifier.delivery.smtp-user",
                    "notifier.delivery.smtp-password", s::find, s::secret);
        } catch (SmtpClientSecurity.InvalidSetting e) {
            throw s.invalid(e.key(), e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "mmsguard-notifier";
        }
    }

    private static Path secretsDir(String v) {
        return v.isBlank() ? null : Path.of(v.trim());
    }

    private static double factor(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("notifier.delivery.retry-factor: \"" + v + "\" is not a number", e);
        }
    }
}
