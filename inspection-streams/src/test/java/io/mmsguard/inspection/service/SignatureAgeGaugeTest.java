package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmsguard_inspection_antivirus_signatures_updated_timestamp_seconds, as Prometheus scrapes it: the newest
 * signature file's time of the database in service, following successful reloads only, the bundled database's
 * too, and nothing for clamd (which keeps its own database).
 */
class SignatureAgeGaugeTest {
    private static final String NAME = "mmsguard_inspection_antivirus_signatures_updated_timestamp_seconds";
    private static final Instant OLD = Instant.parse("2026-01-10T08:00:00Z");
    private static final Instant NEWER = Instant.parse("2026-01-12T09:30:00Z");

    @TempDir
    Path dir;

    @Test
    void theGaugeIsTheNewestFileOfTheDatabaseInServiceAndFollowsOnlySuccessfulReloads() throws Exception {
        write("a.hdb", "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test", OLD);
        write("b.ndb", "Old:0:*:4f4c44534947", OLD.minus(Duration.ofDays(3)));
        try (VirusScanners scanners = VirusScanners.create(config(Optional.of(dir), "builtin"))) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            scanners.bindTo(registry);
            assertThat(value(registry)).isEqualTo(OLD.getEpochSecond());

            ClamavSignatureEngine engine = (ClamavSignatureEngine) scanners.scanner();
            write("b.ndb", "New:0:*:4e4557534947", NEWER);
            assertThat(engine.reload()).isTrue();
            assertThat(value(registry)).isEqualTo(NEWER.getEpochSecond());

            // Newer files that do not load leave the database, and so its time, as they were.
            write("a.hdb", "not a signature", NEWER.plus(Duration.ofDays(1)));
            write("b.ndb", "not one either", NEWER.plus(Duration.ofDays(1)));
            assertThat(engine.reload()).isFalse();
            assertThat(value(registry)).isEqualTo(NEWER.getEpochSecond());
        }
    }

    @Test
    void theBundledTestDatabaseReportsTheTimeOfTheBuildThatPackedIt() throws Exception {
        try (VirusScanners scanners = VirusScanners.create(config(Optional.empty(), "builtin"))) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            scanners.bindTo(registry);
            Path resource = Path.of(VirusScanners.class.getClassLoader().getResource(VirusScanners.BUNDLED[0]).toURI());
            long newest = 0;
            for (String name : VirusScanners.BUNDLED) {
                newest = Math.max(newest, Files.getLastModifiedTime(
                        resource.resolveSibling(Path.of(name).getFileName())).toMillis());
            }
            assertThat(value(registry)).isEqualTo(newest / 1000.0);
        }
    }

    @Test
    void clamdHasNoSignatureAgeHere() throws Exception {
        try (VirusScanners scanners = VirusScanners.create(config(Optional.empty(), "clamd"))) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            scanners.bindTo(registry);
            assertThat(registry.scrape()).doesNotContain(NAME);
        }
    }

    private void write(String file, String line, Instant modified) throws Exception {
        Path p = Files.writeString(dir.resolve(file), line + "\n");
        Files.setLastModifiedTime(p, FileTime.from(modified));
    }

    private static InspectionConfig.AntivirusConfig config(Optional<Path> signatures, String engine) {
        // clamd at a port nobody listens on: the scanner is built without it answering
        return new InspectionConfig.AntivirusConfig(engine, signatures, Duration.ofHours(1), "tcp://127.0.0.1:1",
                Duration.ofMillis(200), Duration.ofSeconds(1), 1024, 1 << 20);
    }

    private static double value(PrometheusMeterRegistry registry) {
        Matcher m = Pattern.compile("(?m)^" + NAME + "(?:\\{[^}]*})? (\\S+)$").matcher(registry.scrape());
        assertThat(m.find()).as(registry.scrape()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
