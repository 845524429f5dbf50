package io.mmsguard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny load end to end (real broker, registry, inspection topology, gateway with MM1, MM4 and MM7, stubs): 40
 * messages of every category on all three interfaces, closed loop. Asserts accounting, verdicts per category and
 * the JSON, never speed. The gateway-pass and Kafka baselines are covered by their own code paths in the smoke run;
 * here only the stub baseline runs, to keep the test short.
 */
class LoadGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void aTinyMixedLoadIsFullyAccountedForAndJudgedAsPlanned() throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("mix", "mm1:50,mm4:25,mm7:25");
        args.put("messages", "40");
        args.put("warmup", "5");
        args.put("clients", "4");
        args.put("size-mean", "8000");
        args.put("size-dist", "exponential");
        args.put("virus", "0.1");
        args.put("spam", "0.1");
        args.put("flood", "0.25");
        args.put("duplicate", "0.25");
        args.put("flood-limit", "2");
        args.put("flood-burst", "4");
        args.put("duplicate-limit", "2");
        args.put("duplicate-burst", "4");
        args.put("commit-interval-ms", "50");
        args.put("no-gateway-baseline", "true");
        args.put("no-kafka-baseline", "true");
        args.put("out", dir.resolve("out/result.json").toString());

        Map<String, Object> result = new LoadGenerator(new LoadOptions(args)).run();

        assertThat((Iterable<?>) result.get("mismatches")).as("verdict and accounting checks").isEmpty();
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/result.json").toFile());
        assertThat(json.get("scenarios")).hasSize(2);
        JsonNode pipeline = json.get("scenarios").get(1);
        assertThat(pipeline.get("name").asText()).isEqualTo("pipeline");
        JsonNode all = pipeline.get("overall");
        assertThat(all.get("sent").asLong()).isEqualTo(40);
        assertThat(all.get("passed").asLong() + all.get("blocked").asLong() + all.get("errors").asLong()
                + all.get("timeouts").asLong()).isEqualTo(40);
        assertThat(all.get("errors").asLong() + all.get("timeouts").asLong()).isZero();
        for (String p : new String[] {"p50_ms", "p95_ms", "p99_ms", "p99_9_ms", "max_ms"}) {
            assertThat(all.get("client_latency").get(p).asDouble()).as(p).isPositive();
            assertThat(all.get("decision_latency").get(p).asDouble()).as(p).isPositive();
        }
        assertThat(pipeline.get("interfaces").fieldNames()).toIterable().containsExactlyInAnyOrder("mm1", "mm4",
                "mm7");

        Map<String, long[]> categories = new LinkedHashMap<>();
        for (JsonNode c : json.get("categories")) {
            assertThat(c.get("ok").asBoolean()).as(c.toString()).isTrue();
            categories.put(c.get("category").asText(), new long[] {c.get("sent").asLong(),
                c.get("passed").asLong(), c.get("blocked").asLong()});
        }
        assertThat(categories).containsOnlyKeys("clean", "virus", "spam", "flood", "duplicate");
        assertThat(categories.values()).allSatisfy(c -> assertThat(c[0]).isPositive());
        assertThat(categories.get("clean")[2]).isZero();
        assertThat(categories.get("virus")[1]).isZero();
        assertThat(categories.get("spam")[1]).isZero();
        assertThat(categories.get("flood")[2]).as("flood over the limit blocked").isPositive();
        assertThat(categories.get("duplicate")[2]).as("duplicates over the limit blocked").isPositive();
        assertThat(Files.readString(dir.resolve("out/result.md"))).contains("| pipeline | all | 40 |");
    }
}
