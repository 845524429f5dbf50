package io.mmsguard.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.mmsguard.harness.Invariants;
import io.mmsguard.harness.mmsc.Delivery;
import io.mmsguard.harness.mmsc.MmscStub;
import io.mmsguard.testkit.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver straight against the MMSC stub (no gateway): every interface's request is understood by the stub,
 * recorded once with the digest of the bytes sent, and answered OK; the invariants see a double delivery.
 */
class LoadDriverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private MmscStub stub;
    private Endpoints direct;

    @BeforeEach
    void start() throws Exception {
        stub = MmscStub.start();
        direct = new Endpoints(stub.mm1Uri(), stub.mm7Uri(), address(stub.mm3Address()), address(stub.mm4Address()));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Test
    void everyInterfaceIsAnsweredOkAndRecordedOnceWithTheDigestOfWhatWasSent() {
        LoadPlan plan = LoadPlan.builder().runId("direct").messages(4, Iface.values()).eicarEvery(2)
                .floodSenders(2, 3, Iface.MM7).build();
        Answers answers;
        try (LoadDriver driver = new LoadDriver(List.of(direct), stub, TIMEOUT, 8)) {
            answers = driver.run(plan);
        }

        assertThat(answers.size()).isEqualTo(4 * 4 + 2 * 3);
        assertThat(answers.all()).allSatisfy(a -> assertThat(a.kind()).as("%s: %s", a.transactionId(), a.detail())
                .isEqualTo(AnswerKind.OK));
        assertThat(answers.all()).allSatisfy(a -> {
            List<Delivery> at = stub.withTransactionId(a.transactionId());
            assertThat(at).as(a.transactionId()).singleElement().satisfies(d -> {
                assertThat(d.sha256()).isEqualTo(a.sha256());
                assertThat(d.channel().name()).isEqualTo(a.message().iface().name());
            });
        });
        assertThat(stub.all()).extracting(Delivery::type).contains("m-send-req", "SubmitReq", "mail",
                "MM4_forward.REQ");
        Invariants.check(answers, stub);
        Invariants.floodBounded(answers, plan.floodSenderIds(), 3);
        assertThatThrownBy(() -> Invariants.floodBounded(answers, plan.floodSenderIds(), 2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("2 flood senders over their limit of 2");
    }

    @Test
    void aMessageDeliveredTwiceBreaksTheInvariant() {
        Message m = new Message("twice-1", Iface.MM1, "+4917000001", false, false);
        try (LoadDriver driver = new LoadDriver(List.of(direct), stub, TIMEOUT, 1)) {
            assertThat(driver.send(m, direct).join().kind()).isEqualTo(AnswerKind.OK);
            Invariants.noTransactionTwice(stub);
            assertThat(driver.send(m, direct).join().kind()).isEqualTo(AnswerKind.OK);
        }

        assertThat(stub.countOf("twice-1")).isEqualTo(2);
        assertThatThrownBy(() -> Invariants.noTransactionTwice(stub)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("twice-1 x2");
    }

    @Test
    void aClosedListenerIsUnreachableOnEveryInterface() {
        int closed = FreePorts.next();
        Endpoints nowhere = new Endpoints(URI.create("http://127.0.0.1:" + closed + "/mms"),
                URI.create("http://127.0.0.1:" + closed + "/mm7"), new InetSocketAddress("127.0.0.1", closed),
                new InetSocketAddress("127.0.0.1", closed));
        try (LoadDriver driver = new LoadDriver(List.of(nowhere), stub, TIMEOUT, 4)) {
            Answers answers = driver.run(LoadPlan.builder().runId("closed").messages(1, Iface.values()).build());

            assertThat(answers.all()).hasSize(4).allSatisfy(a -> assertThat(a.kind()).as(a.detail())
                    .isEqualTo(AnswerKind.UNREACHABLE));
        }
        assertThat(stub.all()).isEmpty();
    }
}
