package io.mmsguard.inspection.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.av.RoutingSamples;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.clamav.ClamdProcess;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code antivirus.engine: builtin+clamd} through the inspection service on a real broker, with a real clamd loaded
 * from the same signature directory: an MM1 message whose PE part carries a signature the built-in engine skips
 * (target type 1) is blocked for the virus clamd names; the same bytes in a JPEG part pass (no skipped signature
 * targets graphics, and clamd would not match target 1 there either); the built-in engine's own signature still
 * blocks on its own.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ClamdRoutingIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void partsTheBuiltInEngineCannotJudgeAreScannedByClamd(KafkaTestCluster kafka, ApicurioRegistry registry)
            throws Exception {
        ClamdProcess.requireInstalled();
        Path db = RoutingSamples.database(dir.resolve("db"));
        String app = "it-routing-" + UUID.randomUUID();
        try (ClamdProcess clamd = ClamdProcess.startWith(dir.resolve("clamd"), db);
             BrokerFixture fx = new BrokerFixture(kafka, registry, "it-routing-" + UUID.randomUUID().toString()
                     .substring(0, 8), 1, 1)) {
            fx.sendProfile(BrokerFixture.plain("routing"));
            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, dir.resolve("state"), Map.of(
                    "antivirus.engine", "builtin+clamd", "antivirus.signatures", db.toString(),
                    "antivirus.clamd.address", "tcp://127.0.0.1:" + clamd.port())))) {
                BrokerFixture.awaitProfileApplied("routing", service);
                send(fx, "routing-pe", RoutingSamples.pe(RoutingSamples.PE_ONLY_MARKER));
                send(fx, "routing-jpeg", RoutingSamples.jpeg(RoutingSamples.PE_ONLY_MARKER));
                send(fx, "routing-any", RoutingSamples.jpeg(RoutingSamples.ANY_FILE_MARKER));
                fx.flush();

                List<InspectionLog> logs = fx.inspectionLogs(app, "routing-");
                assertThat(logs).hasSize(3);
                InspectionLog pe = find(logs, "routing-pe");
                assertThat(pe.getVerdict()).isEqualTo(Verdict.BLOCK);
                assertThat(pe.getReason()).isEqualTo(Reason.VIRUS);
                assertThat(pe.getDetail()).contains(RoutingSamples.PE_ONLY);
                assertThat(find(logs, "routing-jpeg").getVerdict()).isEqualTo(Verdict.PASS);
                InspectionLog any = find(logs, "routing-any");
                assertThat(any.getReason()).isEqualTo(Reason.VIRUS);
                assertThat(any.getDetail()).contains(RoutingSamples.ANY_FILE);
            }
        }
    }

    private static void send(BrokerFixture fx, String session, byte[] part) {
        fx.send(SampleEnvelopes.mm1Send().setSessionId(session).setProfile("routing").setReplyPartition(0)
                .setReceivedAt(BrokerFixture.now())
                .setParts(List.of(SampleEnvelopes.part("application/octet-stream", "file.bin", part))).build());
    }

    private static InspectionLog find(List<InspectionLog> logs, String session) {
        return logs.stream().filter(l -> l.getSessionId().equals(session)).findFirst().orElseThrow();
    }
}
