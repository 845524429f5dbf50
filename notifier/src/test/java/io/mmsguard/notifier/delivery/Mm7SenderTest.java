package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.Sample;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Mm7SenderTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private HttpServer server;
    private final List<Mm7Message> received = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final Mm7Sender sender = Mm7Sender.create(Duration.ofSeconds(10),
            new CredentialStore(null, Map.of("MMSGUARD_SECRET_VASP1", "vasp:pw")));

    @BeforeEach
    void start() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (Mm7StatusCode code : List.of(Mm7StatusCode.SUCCESS, Mm7StatusCode.SERVER_ERROR,
                Mm7StatusCode.GENERAL_SERVICE_ERROR)) {
            server.createContext("/" + code.code(), ex -> {
                Mm7Message req = new Mm7Decoder().decode(ex.getRequestBody().readAllBytes(),
                        ex.getRequestHeaders().getFirst("Content-Type"));
                received.add(req);
                String a = ex.getRequestHeaders().getFirst("Authorization");
                auth.add(a == null ? "" : a);
                Mm7HttpMessage rsp = new Mm7Encoder().encode(Mm7Responses.submitRsp(req, code, "m-1"));
                ex.getResponseHeaders().add("Content-Type", rsp.contentType());
                ex.sendResponseHeaders(200, rsp.body().length);
                ex.getResponseBody().write(rsp.body());
                ex.close();
            });
        }
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SendResult send(int code) {
        NotificationDelivery d = NotificationDelivery.newBuilder().setMethod(MmsInterface.MM7)
                .setMmscUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/" + code)
                .setCredentialsRef("vasp1").setVaspId("vasp1").setVasId("vas1").build();
        Notice n = new Notice(NotificationType.VIRUS, "p", MmsInterface.MM7, 9, T0, T0,
                new Sample("+4917000001", "EICAR", null, null, null));
        NoticeComposer.Outgoing out = NoticeComposer.compose(n,
                new Recipients.Recipient("+491701234567", Recipients.Kind.ADMIN), d, Optional.empty(), "tx-1", T0);
        return sender.send(out, d).join();
    }

    @Test
    void status1000IsDeliveredWithBasicAuth() {
        assertThat(send(1000).outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(received.get(0).operation()).isEqualTo(Mm7Operation.SUBMIT_REQ);
        assertThat(received.get(0).transactionId()).isEqualTo("tx-1");
        assertThat(auth.get(0)).isEqualTo("Basic " + Base64.getEncoder().encodeToString("vasp:pw".getBytes()));
    }

    @Test
    void serverErrorIsRetryableServiceErrorIsNot() {
        assertThat(send(3000).outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(send(4000).outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
    }
}
