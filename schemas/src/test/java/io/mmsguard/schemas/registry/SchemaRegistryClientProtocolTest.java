package io.mmsguard.schemas.registry;

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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.schemas.TestSchemas;
import io.mmsguard.testkit.FreePorts;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire and how it reads answers, pinned against a scripted HTTP server (the real
 * registry is exercised in {@link ApicurioRegistryClientIntegrationTest}; here we need answers no healthy
 * registry gives on demand: 5xx, garbage, exact request counting).
 */
class SchemaRegistryClientProtocolTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (body.length > 0 ? " " + new String(body, StandardCharsets.UTF_8) : ""));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private SchemaRegistryClient client(Map<String, ?> extra) {
        var configs = new java.util.HashMap<String, Object>(extra);
        configs.putIfAbsent("schema.registry.url", url());
        return SchemaRegistryClient.create(configs);
    }

    @Test
    void registerPostsTheCompactSchemaWithTheRegistryContentTypeAndCachesTheId() {
        Schema schema = TestSchemas.probeV1("Probe");
        answer = "{\"id\": 17}";
        SchemaRegistryClient client = client(Map.of());

        assertThat(client.register("probe-value", schema)).isEqualTo(17);
        assertThat(client.register("probe-value", schema)).isEqualTo(17);

        assertThat(requests).containsExactly("POST /subjects/probe-value/versions {\"schema\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(schema.toString()) + "}");
        assertThat(contentTypes).containsExactly("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void schemasByIdAreFetchedOnceAndSubjectsAreUrlEncoded() {
        answer = "{\"schema\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(TestSchemas.probeV1("Probe").toString()) + "}";
        SchemaRegistryClient client = client(Map.of());
        assertThat(client.getById(5).getFullName()).isEqualTo("io.mmsguard.test.Probe");
        assertThat(client.getById(5).getFullName()).isEqualTo("io.mmsguard.test.Probe");
        answer = "[1,2]";
        assertThat(client.versions("odd subject/ä")).containsExactly(1, 2);
        assertThat(requests).containsExactly("GET /schemas/ids/5", "GET /subjects/odd%20subject%2F%C3%A4/versions");
    }

    @Test
    void sendsBasicAuthenticationFromUserInfo() {
        answer = "[]";
        client(Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "ops:pw")).subjects();
        assertThat(authorizations).containsExactly("Basic b3BzOnB3");
    }

    @Test
    void userInfoInTheUrlBecomesAHeaderAndNeverTravelsInTheRequestLine() {
        answer = "[]";
        SchemaRegistryClient.create(Map.of("schema.registry.url",
                "http://ops:pw@127.0.0.1:" + server.getAddress().getPort())).subjects();
        assertThat(authorizations).containsExactly("Basic b3BzOnB3");
        assertThat(requests).containsExactly("GET /subjects");
    }

    @Test
    void failsOverToTheNextUrlWhenOneCannotBeReached() {
        answer = "[\"a\"]";
        String dead = "http://127.0.0.1:" + FreePorts.next();
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", dead + "," + url()));
        assertThat(client.subjects()).containsExactly("a");
    }

    /** The request timeout ends at the response headers; a body that never completes must not hold the caller. */
    @Test
    @org.junit.jupiter.api.Timeout(30) // a hang guard: without the deadline the read never returns
    void anAnswerWhoseBodyStallsIsUnavailableAfterTheReadTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.removeContext("/");
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream os = exchange.getResponseBody();
            os.write("[\"a\",".getBytes(StandardCharsets.UTF_8));
            os.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            SchemaRegistryClient client = client(Map.of("http.read.timeout.ms", "300"));
            assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.Unavailable.class)
                    .hasMessageContaining("not complete within 300 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void reportsUnavailableWhenNoUrlAnswers() {
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", "http://127.0.0.1:" + FreePorts.next()));
        assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.Unavailable.class)
                .hasMessageContaining("no schema registry answered");
    }

    @Test
    void mapsErrorBodiesToTypedExceptions() {
        SchemaRegistryClient client = client(Map.of());
        Schema schema = TestSchemas.probeV1("Probe");

        reply(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");
        assertThatThrownBy(() -> client.latest("x")).isInstanceOf(SchemaRegistryException.SubjectNotFound.class)
                .hasMessageContaining("Subject 'x' not found").hasMessageContaining("40401");
        reply(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
        assertThatThrownBy(() -> client.getById(99)).isInstanceOf(SchemaRegistryException.SchemaNotFound.class);
        reply(409, "{\"error_code\":409,\"message\":\"incompatible\"}");
        assertThatThrownBy(() -> client.register("y", schema)).isInstanceOf(SchemaRegistryException.IncompatibleSchema.class);
        reply(409, "{\"error_code\":40901,\"message\":\"incompatible\"}");
        assertThatThrownBy(() -> client.register("z", schema)).isInstanceOf(SchemaRegistryException.IncompatibleSchema.class);
        reply(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        assertThatThrownBy(() -> client.register("w", schema)).isInstanceOf(SchemaRegistryException.InvalidSchema.class);
        reply(401, "Unauthorized");
        assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.Unauthorized.class);
        reply(500, "{\"error_code\":50001,\"message\":\"store error\"}");
        assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.Unavailable.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(50001));
        reply(404, "{\"error_code\":40408,\"message\":\"no config\"}");
        assertThat(client.subjectCompatibility("q")).isEmpty();
    }

    @Test
    void rejectsAnAnswerThatIsNotJson() {
        reply(200, "<html>proxy login</html>");
        assertThatThrownBy(() -> client(Map.of()).subjects()).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("non-JSON");
    }

    @Test
    void readsBothSpellingsOfTheCompatibilityLevel() {
        SchemaRegistryClient client = client(Map.of());
        reply(200, "{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(client.globalCompatibility()).isEqualTo(SchemaRegistryClient.Compatibility.BACKWARD);
        reply(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(client.subjectCompatibility("s")).contains(SchemaRegistryClient.Compatibility.FULL_TRANSITIVE);
        client.setSubjectCompatibility("s", SchemaRegistryClient.Compatibility.NONE);
        assertThat(requests).last().isEqualTo("PUT /config/s {\"compatibility\":\"NONE\"}");
    }

    @Test
    void latestAnswersExpireAfterTheirTtl() throws InterruptedException {
        answer = "{\"subject\":\"s\",\"version\":1,\"id\":3,\"schema\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(TestSchemas.probeV1("Probe").toString()) + "}";
        SchemaRegistryClient cached = client(Map.of());
        cached.latest("s");
        cached.latest("s");
        assertThat(requests).hasSize(1);
        requests.clear();
        SchemaRegistryClient expiring = client(Map.of("latest.cache.ttl.sec", "0"));
        expiring.latest("s");
        Thread.sleep(5);
        expiring.latest("s");
        assertThat(requests).hasSize(2);
    }

    private void reply(int status, String body) {
        this.status = status;
        this.answer = body;
    }
}
