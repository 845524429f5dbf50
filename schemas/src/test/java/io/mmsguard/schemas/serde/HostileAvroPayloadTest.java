package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;

import io.mmsguard.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record whose Avro body declares far more items or bytes than it carries must fail as a SerializationException,
 * without allocating for the declared size (the stream thread's heap is shared by every task).
 */
class HostileAvroPayloadTest {
    private static final Schema ARRAY = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Hostile\",\"namespace\":\"io.mmsguard.test\",\"fields\":["
                    + "{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
                    + "{\"name\":\"blob\",\"type\":\"bytes\"}]}");

    private HttpServer server;

    @BeforeEach
    void serveTheSchemaAsIdOne() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/schemas/ids/1", exchange -> {
            byte[] body = ("{\"schema\":" + TextNode.valueOf(ARRAY.toString()) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static byte[] record(long declaredItems, long declaredBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 0, 0, 1});
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        if (declaredItems >= 0) {
            e.writeLong(declaredItems);
        } else {
            e.writeLong(0);
            e.writeLong(declaredBytes);
        }
        e.flush();
        return out.toByteArray();
    }

    private ConfluentAvroDeserializer<Object> deserializer() {
        SchemaRegistryClient registry = SchemaRegistryClient.create(
                Map.of("schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort()));
        return new ConfluentAvroDeserializer<>(registry, Map.of(), false, null);
    }

    @Test
    void aHugeDeclaredArrayIsAnErrorNotAnAllocation() throws IOException {
        byte[] data = record(1L << 30, 0);
        assertThatThrownBy(() -> deserializer().deserialize("t", data)).isInstanceOf(SerializationException.class);
    }

    @Test
    void aHugeDeclaredByteStringIsAnErrorNotAnAllocation() throws IOException {
        byte[] data = record(-1, 1L << 30);
        assertThatThrownBy(() -> deserializer().deserialize("t", data)).isInstanceOf(SerializationException.class);
    }
}
