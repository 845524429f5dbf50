package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Mm1SenderTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private StubMmsc mmsc;
    private final Mm1Sender sender = Mm1Sender.create(Duration.ofSeconds(10),
            new CredentialStore(null, Map.of("MMSGUARD_SECRET_MMSC_ADMIN", "mmsc:secret")));

    @BeforeEach
    void start() throws Exception {
        mmsc = new StubMmsc()
                .path("/ok", n -> StubMmsc.Answer.ok())
                .path("/busy", n -> new StubMmsc.Answer(503, 0))
                .path("/denied", n -> new StubMmsc.Answer(200, StatusCodes.ERROR_PERMANENT_SERVICE_DENIED))
                .path("/transient", n -> new StubMmsc.Answer(200, StatusCodes.ERROR_TRANSIENT_FAILURE));
    }

    @AfterEach
    void stop() {
        mmsc.close();
    }

    private NoticeComposer.Outgoing outgoing(NotificationDelivery d) {
        Notice n = new Notice(NotificationType.VIRUS, "p", MmsInterface.MM1, 42, T0, T0.plusSeconds(5),
                new Sample("+4917000001", "EICAR", null, null, null));
        return NoticeComposer.compose(n, new Recipients.Recipient("+491701234567", Recipients.Kind.ADMIN), d,
                Optional.empty(), "p/MM1/VIRUS@1/+491701234567", T0);
    }

    private NotificationDelivery delivery(String path, String credentials) {
        return NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1).setMmscUrl(mmsc.url(path))
                .setCredentialsRef(credentials).setFromAddress("+4900000").build();
    }

    @Test
    void acceptedSendConfIsDeliveredAndTheBodyIsTheSendReq() {
        NotificationDelivery d = delivery("/ok", "mmsc-admin");
        SendResult r = sender.send(outgoing(d), d).join();
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(mmsc.received).hasSize(1);
        StubMmsc.Received got = mmsc.received.get(0);
        assertThat(got.contentType()).isEqualTo("application/vnd.wap.mms-message");
        assertThat(got.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("mmsc:secret".getBytes()));
        MmsPdu req = got.decoded();
        assertThat(req.messageType()).isEqualTo(MessageType.SEND_REQ);
        assertThat(req.transactionId()).isEqualTo("p/MM1/VIRUS@1/+491701234567");
        assertThat(req.to()).containsExactly("+491701234567/TYPE=PLMN");
        assertThat(got.text()).contains("42 virus event(s)").contains("EICAR").contains("+4917000001");
    }

    @Test
    void http503IsRetryable() {
        NotificationDelivery d = delivery("/busy", null);
        SendResult r = sender.send(outgoing(d), d).join();
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(r.detail()).contains("503");
        assertThat(mmsc.received.get(0).authorization()).isNull();
    }

    @Test
    void permanentResponseStatusIsNotRetried() {
        NotificationDelivery d = delivery("/denied", null);
        SendResult r = sender.send(outgoing(d), d).join();
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(r.detail()).contains("0xE1");
    }

    @Test
    void transientResponseStatusIsRetryable() {
        NotificationDelivery d = delivery("/transient", null);
        assertThat(sender.send(outgoing(d), d).join().outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
    }

    @Test
    void unreachableMmscIsRetryable() {
        NotificationDelivery d = NotificationDelivery.newBuilder().setMethod(MmsInterface.MM1)
                .setMmscUrl("http://127.0.0.1:1/none").build();
        assertThat(sender.send(outgoing(d), d).join().outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
    }
}
