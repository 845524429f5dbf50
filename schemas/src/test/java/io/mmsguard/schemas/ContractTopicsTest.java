package io.mmsguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.avro.MmsProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A contract's topic carries its name and serdes together, under its default or a configured name, against a
 * scripted registry on a real socket (the real registry is exercised by the serde integration tests).
 */
class ContractTopicsTest {
    private HttpServer registry;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/", this::answer);
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    /** Every schema registers as id 7, and id 7 is the profile schema. */
    private void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        exchange.getRequestBody().readAllBytes();
        String body = exchange.getRequestMethod().equals("POST") ? "{\"id\": 7}"
                : JsonNodeFactory.instance.objectNode().put("schema", MmsProfile.getClassSchema().toString())
                        .toString();
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private ContractTopics contracts() {
        return ContractTopics.create(Map.of("schema.registry.url",
                "http://127.0.0.1:" + registry.getAddress().getPort()));
    }

    @Test
    void aConfiguredNameKeepsTheContractsSerdesAndNamesTheSubject() {
        Topic<String, MmsProfile> profiles = contracts().topic(Contracts.PROFILES, "site-b.profiles");
        MmsProfile profile = SampleContracts.strictProfile();

        byte[] key = profiles.keySerde().serializer().serialize(profiles.name(), "strict");
        byte[] value = profiles.valueSerde().serializer().serialize(profiles.name(), profile);

        assertThat(profiles.name()).isEqualTo("site-b.profiles");
        assertThat(profiles.keySerde().deserializer().deserialize(profiles.name(), key)).isEqualTo("strict");
        assertThat(profiles.valueSerde().deserializer().deserialize(profiles.name(), value)).isEqualTo(profile);
        assertThat(requests).containsExactly("POST /subjects/site-b.profiles-value/versions", "GET /schemas/ids/7");
    }

    @Test
    void withoutANameTheTopicIsTheContractsDefault() {
        assertThat(contracts().topic(Contracts.ALERTS).name()).isEqualTo(Contracts.ALERTS.defaultTopic());
    }

    @Test
    void namedKeepsTheSameSerdeInstances() {
        Topic<String, MmsProfile> profiles = contracts().topic(Contracts.PROFILES);
        Topic<String, MmsProfile> renamed = profiles.named("other");

        assertThat(renamed.name()).isEqualTo("other");
        assertThat(renamed.keySerde()).isSameAs(profiles.keySerde());
        assertThat(renamed.valueSerde()).isSameAs(profiles.valueSerde());
        assertThat(profiles.named(profiles.name())).isSameAs(profiles);
        assertThatThrownBy(() -> profiles.named(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contractAndInternalRecordsAreNotInterchangeable() {
        ContractTopics contracts = contracts();
        assertThatThrownBy(() -> contracts.topic(Contracts.SENDER_STAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a contract topic");
        assertThatThrownBy(() -> contracts.internalValueSerde(Contracts.PROFILES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("internal topic");
    }
}
