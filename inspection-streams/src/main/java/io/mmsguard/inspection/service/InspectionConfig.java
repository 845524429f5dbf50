package io.mmsguard.inspection.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.inspection.topology.TopicNames;
import io.mmsguard.inspection.topology.TopologySettings;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;

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
 */
public record InspectionConfig(String applicationId, Map<String, String> kafka, Map<String, String> serde,
                               Path stateDir, int threads, int standbyReplicas, Duration commitInterval,
                               String httpHost, int httpPort, String advertisedHost, TopologySettings topology,
                               AntivirusConfig antivirus) {

    public static final List<String> KEYS = List.of(
            "inspection.application-id", "inspection.state-dir", "inspection.threads", "inspection.standby-replicas",
            "inspection.commit-interval", "inspection.http-host", "inspection.http-port", "inspection.advertised-host",
            "inspection.sweep-interval", "inspection.sweep-max-visits",
            "topics.inbound", "topics.decisions", "topics.profiles", "topics.endpoint-lists", "topics.archive",
            "topics.alerts", "topics.inspection-log",
            "antivirus.engine", "antivirus.signatures", "antivirus.reload-interval", "antivirus.clamd.address",
            "antivirus.clamd.connect-timeout", "antivirus.clamd.read-timeout", "antivirus.clamd.max-stream-bytes",
            "antivirus.max-content-bytes",
            "kafka.bootstrap.servers", "serde.schema.registry.url");

    public static final List<String> PASS_THROUGH = List.of("kafka.", "serde.");

    public InspectionConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
        Settings.requireKafkaAndRegistry(kafka, serde);
        if (threads < 1 || standbyReplicas < 0) {
            throw new ConfigException("inspection.threads must be >= 1 and inspection.standby-replicas >= 0");
        }
    }

    public static InspectionConfig from(Settings s) {
        TopicNames d = TopicNames.defaults();
        TopicNames topics = new TopicNames(s.string("topics.inbound", d.inbound()),
                s.string("topics.decisions", d.decisions()), s.string("topics.profiles", d.profiles()),
                s.string("topics.endpoint-lists", d.endpointLists()), s.string("topics.archive", d.archive()),
                s.string("topics.alerts", d.alerts()), s.string("topics.inspection-log", d.inspectionLog()));
        TopologySettings defaults = TopologySettings.defaults();
        TopologySettings topology = new TopologySettings(topics,
                s.duration("inspection.sweep-interval", defaults.sweepInterval()),
                s.integer("inspection.sweep-max-visits", defaults.sweepMaxVisits()));
        return new InspectionConfig(
                s.string("inspection.application-id", "mmsguard-inspection"),
                s.under("kafka."), s.under("serde."),
                Path.of(s.string("inspection.state-dir", "data/streams")),
                s.integer("inspection.threads", 1),
                s.integer("inspection.standby-replicas", 0),
                s.duration("inspection.commit-interval", Duration.ofMillis(100)),
                s.string("inspection.http-host", "0.0.0.0"),
                s.integer("inspection.http-port", 8091),
                s.string("inspection.advertised-host", "127.0.0.1"),
                topology,
                AntivirusConfig.from(s));
    }

    /**
     * @param engine          {@code builtin} (ClamAV signature files in-process) or {@code clamd}
     * @param signatures      directory of .hdb/.hsb/.ndb files for the built-in engine; empty = the bundled test
     *                        database (EICAR and the test signatures only: fine for a demo, not for production)
     * @param reloadInterval  how often the directory is checked for changed files
     * @param clamdAddress    {@code tcp://host:port} or {@code unix:/path/to/clamd.ctl}
     */
    public record AntivirusConfig(String engine, Optional<Path> signatures, Duration reloadInterval,
                                  String clamdAddress, Duration clamdConnectTimeout, Duration clamdReadTimeout,
                                  long clamdMaxStreamBytes, long maxContentBytes) {

        public AntivirusConfig {
            if (!engine.equals("builtin") && !engine.equals("clamd")) {
                throw new ConfigException("antivirus.engine must be builtin or clamd, not " + engine);
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
