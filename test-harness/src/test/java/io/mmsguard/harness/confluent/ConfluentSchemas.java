package io.mmsguard.harness.confluent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Record values read as Confluent's {@code KafkaAvroDeserializer} reads them, with the part of it that is
 * available here: Confluent's own registry client ({@code CachedSchemaRegistryClient} 7.5.3, the client that
 * deserializer resolves writer schemas with), relocated inside Flink's {@code flink-sql-avro-confluent-registry}
 * jar. That jar carries Confluent's registry client and common-utils only: not {@code kafka-avro-serializer}, whose
 * {@code KafkaAvroDeserializer} is not served from Maven Central (nor are Confluent's other jars). So the framing
 * (magic byte 0, a 4-byte big-endian schema id, the Avro binary body) is unpacked here, the id resolved by
 * Confluent's client, and the body decoded with Avro's {@code GenericDatumReader} against that writer schema, as
 * the deserializer does with {@code specific.avro.reader=false}.
 *
 * <p>The jar is loaded in a class loader of its own (with only SLF4J beside it), never put on the test
 * classpath: it also carries unrelocated Guava, SnakeYAML, snappy and zstd classes, and the test classpath is the
 * one every broker and service JVM of the process path starts on. Hence the reflection, on two public methods.
 */
final class ConfluentSchemas implements AutoCloseable {
    /** Where the build copies the jar (test-harness's pom, execution {@code confluent-client}). */
    static final String JAR_PROPERTY = "mmsguard.confluent.client.jar";
    private static final String CLIENT = "org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka"
            + ".schemaregistry.client.CachedSchemaRegistryClient";
    private static final int CACHED_SCHEMAS = 100;
    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final URLClassLoader loader;
    private final Object client;
    private final Method getSchemaById;

    ConfluentSchemas(String registryUrl) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("Confluent's client jar is not at " + JAR_PROPERTY + "=" + jar
                    + " (test-harness's build copies it; run the tests through Maven)");
        }
        try {
            // SLF4J's API and the tests' provider, so that the client's warnings reach the test's log
            loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL(), location(org.slf4j.Logger.class),
                    location(org.slf4j.simple.SimpleLogger.class)}, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(CLIENT);
            client = type.getConstructor(String.class, int.class).newInstance(registryUrl, CACHED_SCHEMAS);
            getSchemaById = type.getMethod("getSchemaById", int.class);
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load Confluent's registry client from " + jar, e);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The writer schema with registry id {@code id}, as Confluent's client resolves it ({@code GET /schemas/ids}). */
    Schema writerSchema(int id) {
        try {
            Object parsed = getSchemaById.invoke(client, id);
            String canonical = (String) parsed.getClass().getMethod("canonicalString").invoke(parsed);
            return new Schema.Parser().parse(canonical);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Confluent's client cannot resolve schema id " + id + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Confluent's client API changed", e);
        }
    }

    /** The schema id of a value in Confluent's wire format; throws on anything else. */
    static int schemaId(byte[] value) {
        if (value == null || value.length < HEADER || value[0] != MAGIC) {
            throw new IllegalArgumentException("not Confluent's wire format (magic byte 0 and a schema id)");
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** {@code value} decoded against the writer schema its id names. */
    GenericRecord decode(byte[] value) {
        Schema writer = writerSchema(schemaId(value));
        try {
            return new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null));
        } catch (IOException e) {
            throw new UncheckedIOException("the body does not decode against " + writer.getFullName(), e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
