package io.mmsguard.inspection.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.inspection.topology.TopicNames;
import io.mmsguard.inspection.topology.TopologySettings;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.AdminAuth;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;

/**
 * The inspection service's configuration; every key, its default and its meaning is in docs/configuration.md.
 *
 * @param applicationId    Kafka Streams application id: names the consumer group, changelog and repartition topics
 * @param kafka            Kafka client and Streams settings passed through ({@code kafka.*}), bootstrap.servers included
 * @param serde            Avro serde settings ({@code serde.*}): schema.registry.url and Confluent's other keys
 * @param stateDir         where RocksDB keeps the threshold stores
 * @param threads          stream threads
 * @param standbyReplicas  warm copies of every store on other instances, for fast failover
 * @param commitInterval   how often offsets and transactions commit; under exactly-once, decisions become visible
 *                         to the gateways (read_committed) only at a commit, so this bounds decision latency
 * @param httpHost         address the admin HTTP server binds
 * @param httpPort         admin HTTP port (metrics, health, state queries); 0 picks a free one
 * @param advertisedHost   host the other instances use to forward state queries here
 * @param antivirus        which virus scanner
 * @param adminAuth        who may use /state and /status; forwarded state queries carry the same token
 * @param msisdnLog        how senders and recipients are logged
 * @param configStatusTopic where this instance reports, per profile and endpoint list, the version it read and
 *                         whether it is in force ({@code config apply} waits on it)
 * @param logFormat        text or JSON logs
 * @param shadowEnabled    whether the shadow application runs beside the live one (docs/architecture.md, "Shadow
 *                         application")
 * @param shadowThreads    the shadow application's stream threads
 */
public record InspectionConfig(String applicationId, Map<String, String> kafka, Map<String, String> serde,
                               Path stateDir, int threads, int standbyReplicas, Duration commitInterval,
                               String httpHost, int httpPort, String advertisedHost, TopologySettings topology,
                               AntivirusConfig antivirus, AdminAuth adminAuth, MsisdnLog msisdnLog,
                               String configStatusTopic, LogFormat logFormat, boolean shadowEnabled,
                               int shadowThreads) {

    /** Every key the inspection service accepts. */
    public static final ConfigKeys KEYS = ConfigKeys.builder()
            .key("inspection.application-id", "mmsguard-inspection", "Kafka Streams application id")
            .key("inspection.state-dir", "data/streams", "RocksDB directory of the threshold stores")
            .key("inspection.threads", "1", "stream threads per instance")
            .key("inspection.standby-replicas", "0", "warm copies of each store on other instances")
            .key("inspection.commit-interval", "20ms", "Kafka Streams commit interval; bounds decision latency")
            .key("inspection.http-host", "127.0.0.1", "address of the admin HTTP server")
            .key("inspection.http-port", "8091", "admin HTTP port (/metrics, /health/*, /state/*)")
            .key("inspection.advertised-host", "127.0.0.1", "host other instances forward state queries to")
            .key("inspection.sweep-interval", "1m", "period of the sweep of idle threshold keys")
            .key("inspection.sweep-max-visits", "10000", "keys one sweep looks at per task")
            .key("inspection.shadow.enabled", "true",
                    "run the shadow application that judges messages with their live profile's shadow profile")
            .key("inspection.shadow.threads", "1", "stream threads of the shadow application per instance")
            .key("topics.inbound", Topics.INBOUND, "topic of the envelopes")
            .key("topics.decisions", Topics.DECISIONS, "topic of the decisions")
            .key("topics.profiles", Topics.PROFILES, "topic of the profiles")
            .key("topics.endpoint-lists", Topics.ENDPOINT_LISTS, "topic of the endpoint lists")
            .key("topics.archive", Topics.ARCHIVE, "topic of the archived messages")
            .key("topics.alerts", Topics.ALERTS, "topic of the alerts")
            .key("topics.inspection-log", Topics.INSPECTION_LOG, "topic of the inspection log")
            .key("topics.config-status", Topics.CONFIG_STATUS,
                    "topic where each instance reports the profile and endpoint-list versions in force")
            .key("topics.state-resets", Topics.STATE_RESETS, "topic of the operators' state resets")
            .key("topics.shadow-log", Topics.SHADOW_LOG, "topic of the shadow profiles' would-be decisions")
            .key("archive.key-id", null, "id of the archive key that encrypts new archive records' content")
            .key("archive.keys", null, "archive keys, <id>:<base64 32 bytes> per line or comma-separated")
            .key("archive.keys-file", null, "file with the archive keys in the archive.keys format")
            .key("antivirus.engine", "builtin", "builtin (signature files in-process), clamd, or builtin+clamd (clamd"
                    + " for the parts a signature the built-in engine skipped may target)")
            .key("antivirus.signatures", null, "directory of .hdb/.hsb/.ndb files; default: the test database")
            .key("antivirus.reload-interval", "30s", "how often the signature directory is checked")
            .key("antivirus.max-content-bytes", "67108864", "larger parts fail the scan")
            .key("antivirus.clamd.address", "tcp://127.0.0.1:3310", "clamd: tcp://host:port or unix:/path")
            .key("antivirus.clamd.connect-timeout", "2s", "clamd connect timeout")
            .key("antivirus.clamd.read-timeout", "10s", "clamd read timeout per scan")
            .key("antivirus.clamd.max-stream-bytes", "26214400", "at or below clamd's StreamMaxLength")
            .kafkaAndRegistry()
            .adminAccess()
            .logging()
            .build();

    public InspectionConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(configStatusTopic, "configStatusTopic");
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
        Settings.requireKafkaAndRegistry(kafka, serde);
        if (threads < 1 || standbyReplicas < 0) {
            throw new ConfigException("inspection.threads must be >= 1 and inspection.standby-replicas >= 0");
        }
        if (shadowThreads < 1) {
            throw new ConfigException("inspection.shadow.threads must be >= 1");
        }
    }

    public static InspectionConfig from(Settings s) {
        TopicNames d = TopicNames.defaults();
        TopicNames topics = new TopicNames(s.string("topics.inbound", d.inbound()),
                s.string("topics.decisions", d.decisions()), s.string("topics.profiles", d.profiles()),
                s.string("topics.endpoint-lists", d.endpointLists()), s.string("topics.archive", d.archive()),
                s.string("topics.alerts", d.alerts()), s.string("topics.inspection-log", d.inspectionLog()),
                s.string("topics.state-resets", d.stateResets()), s.string("topics.shadow-log", d.shadowLog()));
        TopologySettings defaults = TopologySettings.defaults();
        TopologySettings topology = new TopologySettings(topics,
                s.duration("inspection.sweep-interval", defaults.sweepInterval()),
                s.integer("inspection.sweep-max-visits", defaults.sweepMaxVisits()), ArchiveKeysConfig.from(s));
        return new InspectionConfig(
                s.string("inspection.application-id", "mmsguard-inspection"),
                s.under("kafka."), s.under("serde."),
                Path.of(s.string("inspection.state-dir", "data/streams")),
                s.integer("inspection.threads", 1),
                s.integer("inspection.standby-replicas", 0),
                s.duration("inspection.commit-interval", Duration.ofMillis(20)),
                s.string("inspection.http-host", "127.0.0.1"),
                s.integer("inspection.http-port", 8091),
                s.string("inspection.advertised-host", "127.0.0.1"),
                topology,
                AntivirusConfig.from(s),
                AdminAuth.from(s, "inspection.http-host", s.string("inspection.http-host", "127.0.0.1")),
                MsisdnLog.from(s),
                s.string("topics.config-status", Topics.CONFIG_STATUS), LogFormat.from(s),
                s.bool("inspection.shadow.enabled", true), s.integer("inspection.shadow.threads", 1));
    }

    /**
     * @param engine          {@code builtin} (ClamAV signature files in-process), {@code clamd}, or {@code builtin+clamd}
     *                        ({@link io.mmsguard.inspection.av.RoutingVirusScanner})
     * @param signatures      directory of .hdb/.hsb/.ndb files for the built-in engine; empty = the bundled test
     *                        database (EICAR and the test signatures only: fine for a demo, not for production)
     * @param reloadInterval  how often the directory is checked for changed files
     * @param clamdAddress    {@code tcp://host:port} or {@code unix:/path/to/clamd.ctl}
     */
    public record AntivirusConfig(String engine, Optional<Path> signatures, Duration reloadInterval,
                                  String clamdAddress, Duration clamdConnectTimeout, Duration clamdReadTimeout,
                                  long clamdMaxStreamBytes, long maxContentBytes) {

        public AntivirusConfig {
            if (!engine.equals("builtin") && !engine.equals("clamd") && !engine.equals("builtin+clamd")) {
                throw new ConfigException("antivirus.engine must be builtin, clamd or builtin+clamd, not " + engine);
            }
            if (engine.equals("builtin+clamd") && signatures.isEmpty()) {
                // The bundled test database skips nothing, so nothing would ever reach clamd.
                throw new ConfigException("antivirus.engine builtin+clamd needs antivirus.signatures: the database"
                        + " whose skipped signatures decide which parts clamd scans");
            }
        }

        static AntivirusConfig from(Settings s) {
            return new AntivirusConfig(s.string("antivirus.engine", "builtin"),
                    s.find("antivirus.signatures").map(Path::of),
                    s.duration("antivirus.reload-interval", Duration.ofSeconds(30)),
                    s.string("antivirus.clamd.address", "tcp://127.0.0.1:3310"),
                    s.duration("antivirus.clamd.connect-timeout", Duration.ofSeconds(2)),
                    s.duration("antivirus.clamd.read-timeout", Duration.ofSeconds(10)),
                    s.longValue("antivirus.clamd.max-stream-bytes", 25L * 1024 * 1024),
                    s.longValue("antivirus.max-content-bytes", 64L * 1024 * 1024));
        }
    }
}
