package io.mmsguard.deploy.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.Verdict;
import io.mmsguard.gateway.answer.HeldMessage;
import io.mmsguard.gateway.answer.SessionAnswers;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.service.Settings;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link JsonLogProcessTest}: on the launcher's runtime classpath (Log4j 2 and deploy's
 * log4j2.xml), it takes {@code logging.format} from its argument as a service does, then has the gateway's
 * {@link SessionAnswers} block one session (the decision line) and logs one error with a stack trace.
 */
public final class JsonLogChild {
    static final String SENDER = "+436641000199";
    static final String SESSION = "sess-json-1";

    private JsonLogChild() {
    }

    public static void main(String[] args) throws Exception {
        LogFormat.use(LogFormat.from(Settings.of(Map.of(LogFormat.KEY, args[0]))), "gateway");
        MsisdnLog.use(MsisdnLog.hashed("a-test-key-of-enough-length".getBytes(StandardCharsets.UTF_8)));
        MmsEnvelope envelope = MmsEnvelope.newBuilder().setSessionId(SESSION).setGatewayId("gw").setReplyPartition(0)
                .setReceivedAt(Instant.now()).setSessionTimeoutMs(5000L).setMmsInterface(MmsInterface.MM1)
                .setDirection(Direction.SEND).setSender(SENDER + "/TYPE=PLMN").setRecipients(List.of())
                .setContentType("application/vnd.wap.multipart.mixed").setParts(List.of()).setOriginalSize(10)
                .setTransport(Transport.newBuilder().setListener("mm1").build()).setProfile("default").build();
        Decision block = Decision.newBuilder().setSessionId(SESSION).setGatewayId("gw").setVerdict(Verdict.BLOCK)
                .setReason(Reason.VIRUS).setDetail("Eicar-Test-Signature").setNotifySender(false)
                .setDecidedAt(Instant.now()).setProfile("default").setProfileVersion(1L).setReplyPartition(0).build();
        new SessionAnswers("MM1", new GatewayMetrics(new SimpleMeterRegistry()))
                .answer(envelope, new SessionOutcome.Decided(block), false, new Refused()).get();
        LoggerFactory.getLogger(JsonLogChild.class).error("an error with its stack trace",
                new IllegalStateException("boom"));
    }

    /** A held message whose block answer is an SMTP-like 554. */
    private static final class Refused implements HeldMessage<String, String> {
        @Override
        public String transactionId() {
            return "T-json";
        }

        @Override
        public boolean clientPresent() {
            return true;
        }

        @Override
        public CompletableFuture<String> forward() {
            throw new AssertionError("a blocked message is not forwarded");
        }

        @Override
        public Optional<CompletableFuture<String>> strip(Decision decision) {
            return Optional.empty();
        }

        @Override
        public String blocked(Decision decision) {
            return "554";
        }

        @Override
        public String code(String answer) {
            return answer + " 5.7.1";
        }

        @Override
        public String relay(String upstreamAnswer) {
            return upstreamAnswer;
        }

        @Override
        public String temporaryFailure() {
            return "451";
        }

        @Override
        public String notConfirmed() {
            return "250";
        }
    }
}
