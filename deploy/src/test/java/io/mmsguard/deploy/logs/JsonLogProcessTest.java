package io.mmsguard.deploy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logging.format} in a child JVM on the launcher's runtime classpath (Log4j 2 as the one SLF4J provider,
 * deploy's log4j2.xml): {@code json} makes every line of standard error one JSON object with the documented fields,
 * the decision line's session, interface, hashed sender, verdict, reason and answer among them; {@code text} keeps
 * the line slf4j-simple wrote.
 */
class JsonLogProcessTest {
    private static final long HANG_GUARD_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String run(String format) throws IOException, InterruptedException {
        Path err = dir.resolve(format + ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JsonLogChild.class.getName(), format)
                .redirectErrorStream(false).redirectOutput(dir.resolve(format + ".out").toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("child ended").isTrue();
        String logged = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(logged).isZero();
        return logged;
    }

    @Test
    void jsonIsOneObjectPerLineWithTheDecisionFields() throws Exception {
        String logged = run("json");

        List<JsonNode> events = new ArrayList<>();
        for (String line : logged.lines().toList()) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).allSatisfy(e -> assertThat(e.isObject()).isTrue());
        assertThat(logged).doesNotContain(JsonLogChild.SENDER.substring(1)).doesNotContain("SLF4J");

        JsonNode decision = events.stream().filter(e -> e.has("session")).findFirst().orElseThrow();
        assertThat(decision.get("level").asText()).isEqualTo("INFO");
        assertThat(decision.get("logger").asText()).isEqualTo("io.mmsguard.gateway.answer.SessionAnswers");
        assertThat(decision.get("thread").asText()).isEqualTo("main");
        assertThat(decision.get("service").asText()).isEqualTo("gateway");
        assertThat(Instant.parse(decision.get("time").asText())).isNotNull();
        assertThat(decision.get("session").asText()).isEqualTo(JsonLogChild.SESSION);
        assertThat(decision.get("interface").asText()).isEqualTo("MM1");
        assertThat(decision.get("sender").asText()).matches("h:[0-9a-f]{12}/TYPE=PLMN");
        assertThat(decision.get("verdict").asText()).isEqualTo("BLOCK");
        assertThat(decision.get("reason").asText()).isEqualTo("VIRUS");
        assertThat(decision.get("answer").asText()).isEqualTo("554 5.7.1");
        assertThat(decision.get("message").asText()).contains("BLOCK VIRUS (Eicar-Test-Signature)");

        JsonNode hashed = events.stream().filter(e -> e.get("message").asText().startsWith("senders and recipients"))
                .findFirst().orElseThrow();
        assertThat(hashed.has("session")).as("no decision fields on other lines").isFalse();
        JsonNode error = events.stream().filter(e -> "ERROR".equals(e.get("level").asText())).findFirst().orElseThrow();
        assertThat(error.get("error").asText()).contains("java.lang.IllegalStateException: boom", "\tat ");
    }

    @Test
    void textIsTheLineAsBefore() throws Exception {
        String logged = run("text");

        assertThat(logged.lines().filter(l -> l.contains("BLOCK VIRUS")).toList()).singleElement().asString()
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main] INFO SessionAnswers - MM1 session sess-json-1 from "
                        + "h:[0-9a-f]{12}/TYPE=PLMN: BLOCK VIRUS \\(Eicar-Test-Signature\\), answered 554 5\\.7\\.1,"
                        + " transaction T-json");
        assertThat(logged).doesNotContain("{\"");
    }
}
