package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmsguard.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsguard explain} against a stub that answers as the inspection service's StateQueryHandler does. */
class ExplainCommandTest {
    private static final String CHECKSUM = "0f".repeat(32);
    private static final String TOKEN = "explain-test-admin-token-0123456789";
    private static final String FLOOD = """
            {
              "kind" : "flood",
              "interface" : "MM1",
              "key" : "+491701",
              "profile" : "demo",
              "owner" : "127.0.0.1:18091",
              "partition" : 2,
              "at" : "2026-11-24T10:00:30Z",
              "thresholds" : [ {
                "threshold" : 1,
                "windowMinutes" : 1,
                "limit" : 5,
                "count" : 8,
                "flagged" : true,
                "blocked" : true,
                "blockedUntil" : "2026-11-24T10:10:00Z",
                "next" : "BLOCK"
              }, {
                "threshold" : 2,
                "windowMinutes" : 60,
                "limit" : 100,
                "count" : 8,
                "flagged" : false,
                "blocked" : false,
                "blockedUntil" : null,
                "next" : "PASS"
              } ],
              "blocked" : true
            }
            """;
    /** Asked without a profile where no profile in force has flood thresholds. */
    private static final String NO_VIEWS = """
            {
              "kind" : "flood",
              "key" : "+491701",
              "owner" : "127.0.0.1:18091",
              "partition" : 2,
              "at" : "2026-11-24T10:00:30Z",
              "profiles" : [ "default", "plain" ],
              "views" : [ ],
              "blocked" : false
            }
            """;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/state/flood", e -> answer(e, 200, FLOOD));
        server.createContext("/secure/state/flood", e -> {
            if (("Bearer " + TOKEN).equals(e.getRequestHeaders().getFirst("Authorization"))) {
                answer(e, 200, FLOOD);
            } else {
                e.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mmsguard-admin\"");
                answer(e, 401, "a bearer token is required\n");
            }
        });
        server.createContext("/none/state/flood", e -> answer(e, 200, NO_VIEWS));
        server.createContext("/state/duplicate", e -> answer(e, 503,
                "{\n  \"error\" : \"the owner of this key is not known yet (rebalancing or starting)\"\n}\n"));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange e, int status, String body) throws IOException {
        asked.add(e.getRequestURI().toString());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    @Test
    void aSenderIsExplainedFromTheFloodStateAsATable() {
        Cli c = Cli.run("explain", "+491701", "--profile", "demo", "--interface", "MM1", "--inspection-url", url);

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(asked).containsExactly("/state/flood?key=%2B491701&interface=MM1&profile=demo");
        assertThat(c.out()).isEqualTo("""
                flood state of +491701 on MM1, profile demo (owner 127.0.0.1:18091, partition 2, at 2026-11-24T10:00:30Z)
                THRESHOLD WINDOW   LIMIT   COUNT   FLAGGED BLOCKED BLOCKED UNTIL            NEXT MESSAGE
                1         1 min    5       8       yes     yes     2026-11-24T10:10:00Z     BLOCK
                2         60 min   100     8       no      no      -                        PASS
                blocked now: yes
                """);
    }

    @Test
    void withoutProfilesThatCountTheAnswerSaysSoAndNamesThoseInForce() {
        Cli c = Cli.run("explain", "+491701", "--inspection-url", url + "/none");

        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(asked).containsExactly("/none/state/flood?key=%2B491701");
        assertThat(c.out()).isEqualTo("""
                flood state of +491701 (owner 127.0.0.1:18091, partition 2, at 2026-11-24T10:00:30Z)
                profiles in force: default, plain
                no profile in force has enabled flood thresholds on any interface
                blocked now: no
                """);
    }

    @Test
    void jsonPrintsTheAnswerAsItCame() {
        Cli c = Cli.run("explain", "+491701", "--json", "--interface", "mm4", "--inspection-url", url);

        assertThat(c.exit()).isZero();
        assertThat(c.out()).isEqualTo(FLOOD);
        assertThat(asked).containsExactly("/state/flood?key=%2B491701&interface=mm4");
    }

    @Test
    void aChecksumAsksTheDuplicateStateAndAnErrorAnswerIsExitCode1() {
        Cli c = Cli.run("explain", CHECKSUM.toUpperCase(), "--inspection-url", url);

        assertThat(asked).containsExactly("/state/duplicate?key=" + CHECKSUM);
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("mmsguard: the inspection service answered HTTP 503: the owner of this key is not"
                + " known yet (rebalancing or starting)\n");
    }

    @Test
    void floodForcesTheFloodStateForAHexLookingSender() {
        assertThat(Cli.run("explain", CHECKSUM, "--flood", "--inspection-url", url).exit()).isZero();
        assertThat(asked).containsExactly("/state/flood?key=" + CHECKSUM);
    }

    @Test
    void theTokenFromItsFileIsSentAsBearerAndItsAbsenceIsExplained(@TempDir Path dir) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("admin-token"), TOKEN + "\n");

        Cli with = Cli.run("explain", "+491701", "--inspection-url", url + "/secure", "--token-file",
                tokenFile.toString());
        Cli without = Cli.run("explain", "+491701", "--inspection-url", url + "/secure");

        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).contains("blocked now: yes");
        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.err()).isEqualTo("mmsguard: the inspection service at " + url + "/secure answered HTTP 401:"
                + " it requires the admin token: give --token-file FILE or MMSGUARD_ADMIN_TOKEN\n");
    }

    @Test
    void anUnreachableServiceIsOneLineAndExitCode3() {
        String dead = "http://127.0.0.1:" + FreePorts.next();
        Cli c = Cli.run("explain", "+491701", "--inspection-url", dead);

        assertThat(c.exit()).isEqualTo(3);
        assertThat(c.err()).isEqualTo("mmsguard: cannot reach the inspection service at " + dead + " within 10s\n");
    }
}
