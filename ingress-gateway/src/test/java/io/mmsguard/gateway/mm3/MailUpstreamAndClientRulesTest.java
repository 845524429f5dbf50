package io.mmsguard.gateway.mm3;

import static io.mmsguard.gateway.mm3.SmtpTestKit.decided;
import static io.mmsguard.gateway.mm3.SmtpTestKit.h;
import static io.mmsguard.gateway.mm3.SmtpTestKit.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.gateway.Mm3Settings;
import io.mmsguard.gateway.Mm4Settings;
import io.mmsguard.gateway.mm4.Mm4Handler;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.smtp.SmtpMessageHandler;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.testkit.smtp.SmtpStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MM3 and MM4 through a real SMTP listener, the real relay client and the test-kit's SMTP stub as the MMSC: a client
 * that leaves while its DATA reply is held gets nothing relayed, and an MMSC that fails during the relay is answered
 * per how far the mail got (451 4.3.0 when it did not get it, 554 5.4.0 when it may have accepted it).
 */
class MailUpstreamAndClientRulesTest {
    private static final SmtpServerSettings SETTINGS = SmtpServerSettings.defaults("mx.test", 1 << 20);
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final SmtpTestKit kit = new SmtpTestKit();
    private final ExecutorService relays = Executors.newFixedThreadPool(2);
    private SmtpStub mmsc;
    private SmtpTestServer gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (mmsc != null) {
            mmsc.close();
        }
        relays.shutdownNow();
    }

    /** The gateway's listener for {@code iface} (profile "closed"), relaying to {@link #mmsc}. */
    private SmtpTestServer listen(MmsInterface iface) throws Exception {
        SmtpClient relay = new SmtpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), mmsc.port()),
                "gw.test", Duration.ofSeconds(10), Duration.ofSeconds(30), relays);
        SmtpMessageHandler handler = iface == MmsInterface.MM3
                ? new Mm3Handler(kit.context, new Mm3Settings("closed", 1 << 20), relay)
                : new Mm4Handler(kit.context, new Mm4Settings("closed", 1 << 20, "system@mms.test", "6.10.0",
                        SmtpTestKit.PEERS, peer -> relay), relay);
        gateway = new SmtpTestServer(SETTINGS, 10, handler::onMessage);
        return gateway;
    }

    private final byte[] sample = mail("hello", h("From", "alice@example.org"),
            h("To", "+447700900456/TYPE=PLMN@mms.test"), h("Message-ID", "<rules-1@example.org>"));

    /** EHLO, the envelope and the whole DATA up to its final dot. */
    private void sendMail(SmtpTestServer.RawClient client) throws Exception {
        client.command("EHLO client.test");
        client.startData();
        client.send(new String(sample, StandardCharsets.UTF_8) + ".\r\n");
    }

    @ParameterizedTest
    @EnumSource(value = MmsInterface.class, names = {"MM3", "MM4"})
    void aMailWhoseClientLeftBeforeTheDecisionIsNotRelayed(MmsInterface iface) throws Exception {
        mmsc = SmtpStub.accepting();
        SmtpTestServer server = listen(iface);
        CompletableFuture<SessionOutcome> decision = kit.inspector.hold();
        SmtpTransaction tx;
        try (SmtpTestServer.RawClient client = new SmtpTestServer.RawClient(server.port())) {
            assertThat(client.reply()).startsWith("220");
            sendMail(client);
            tx = server.next();
        }
        await().atMost(HANG_GUARD).until(() -> !tx.connected().getAsBoolean());

        decision.complete(decided(Verdict.PASS, Reason.NONE));

        await().atMost(HANG_GUARD).until(() -> kit.outcomes(iface.name(), "client-gone") == 1.0);
        assertThat(mmsc.received()).isEmpty();
        assertThat(kit.outcomes(iface.name(), "forwarded")).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = MmsInterface.class, names = {"MM3", "MM4"})
    void anMmscThatHangsUpBeforeTheDataIsATemporaryFailure(MmsInterface iface) throws Exception {
        mmsc = new SmtpStub(rcpt -> {
            throw new IllegalStateException("the test's MMSC hangs up at RCPT");
        }, tx -> "250 2.0.0 queued");
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));

        try (SmtpTestServer.RawClient client = new SmtpTestServer.RawClient(listen(iface).port())) {
            assertThat(client.reply()).startsWith("220");
            sendMail(client);

            assertThat(client.reply()).startsWith("451 4.3.0");
        }
        assertThat(mmsc.received()).isEmpty();
        assertThat(kit.outcomes(iface.name(), "upstream-error")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(value = MmsInterface.class, names = {"MM3", "MM4"})
    void anMmscThatTakesTheWholeMailAndHangsUpIsAnsweredSoThatTheClientDoesNotResend(MmsInterface iface)
            throws Exception {
        mmsc = new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> {
            throw new IllegalStateException("the test's MMSC hangs up instead of answering the data");
        });
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));

        try (SmtpTestServer.RawClient client = new SmtpTestServer.RawClient(listen(iface).port())) {
            assertThat(client.reply()).startsWith("220");
            sendMail(client);

            assertThat(client.reply()).startsWith("554 5.4.0");
        }
        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(sample));
        assertThat(kit.outcomes(iface.name(), "upstream-error")).isEqualTo(1.0);
    }
}
