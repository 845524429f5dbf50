package io.mmsguard.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.formats.avro.registry.confluent.RegistryAvroFormatFactory;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The versions this module runs with, read from what was loaded, against what its POM asks for: the Kafka client
 * is the one flink-connector-kafka was built with (the connector reaches into Kafka client internals), not the
 * services' pin from the parent; Avro is the copy relocated inside the avro-confluent format, so the services'
 * Avro (which the test's producers use) cannot reach the format.
 */
class FlinkVersionsTest {

    private static String expected(String property) {
        String v = System.getProperty(property);
        assertThat(v).as("surefire passes %s from the POM", property).isNotBlank();
        return v;
    }

    @Test
    void theKafkaClientIsTheConnectorsNotTheServices() {
        assertThat(AppInfoParser.getVersion()).isEqualTo(expected("expected.kafka-clients.version"))
                .isNotEqualTo(expected("services.kafka.version"));
        assertThat(jarOf(AppInfoParser.class)).endsWith("kafka-clients-" + AppInfoParser.getVersion() + ".jar");
    }

    @Test
    void flinkAndTheConnectorAreTheDeclaredReleases() throws IOException {
        assertThat(EnvironmentInformation.getVersion()).isEqualTo(expected("expected.flink.version"));
        assertThat(jarOf(KafkaSource.class))
                .endsWith("flink-connector-kafka-" + expected("expected.flink-connector-kafka.version") + ".jar");
        assertThat(manifest(RegistryAvroFormatFactory.class).getMainAttributes().getValue("Implementation-Version"))
                .isEqualTo(expected("expected.flink.version"));
    }

    @Test
    void theFormatReadsWithItsOwnRelocatedAvro() throws Exception {
        Class<?> schema = Class.forName("org.apache.flink.avro.shaded.org.apache.avro.Schema");
        assertThat(jarOf(schema)).isEqualTo(jarOf(RegistryAvroFormatFactory.class));
        // The format jar lists what it bundles; its Avro is the one Flink's parent POM pins.
        assertThat(bundled(RegistryAvroFormatFactory.class, "org.apache.avro:avro"))
                .isEqualTo(expected("expected.format-avro.version"))
                .isNotEqualTo(org.apache.avro.Schema.class.getPackage().getImplementationVersion());
        assertThat(org.apache.avro.Schema.class.getPackage().getImplementationVersion())
                .as("the services' Avro, used by this test's producers only").isEqualTo(expected("services.avro.version"));
    }

    private static String jarOf(Class<?> type) {
        URL location = type.getProtectionDomain().getCodeSource().getLocation();
        return location.getPath();
    }

    private static Manifest manifest(Class<?> type) throws IOException {
        try (JarFile jar = new JarFile(jarOf(type))) {
            return jar.getManifest();
        }
    }

    /** The version of {@code groupArtifact} in the jar's META-INF/DEPENDENCIES (the shade plugin's list). */
    private static String bundled(Class<?> type, String groupArtifact) throws IOException {
        try (JarFile jar = new JarFile(jarOf(type));
             InputStream in = jar.getInputStream(jar.getEntry("META-INF/DEPENDENCIES"))) {
            String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(Pattern.quote(groupArtifact) + ":[a-z-]+:([^\\s]+)").matcher(text);
            assertThat(m.find()).as("%s listed in %s", groupArtifact, jarOf(type)).isTrue();
            return m.group(1);
        }
    }
}
