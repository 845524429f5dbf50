package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.Sample;
import io.mmsguard.testkit.smtp.SmtpStub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mail sender against the test-kit's SMTP stub on a real socket, a closed port and broken urls. */
class MailSenderTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String ADMIN = "+491701234567";
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final MailSender sender = new MailSender("notifier.test", Duration.ofSeconds(10), Duration.ofSeconds(30),
            pool);
    private SmtpStub smtp;

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (smtp != null) {
            smtp.close();
        }
    }

    private static NotificationDelivery delivery(MmsInterface method, String url) {
        return NotificationDelivery.newBuilder().setMethod(method).setMmscUrl(url).setFromAddress("+4900000")
                .setUserDomain("mms.example").build();
    }

    private static NoticeComposer.Outgoing outgoing(NotificationDelivery d) {
        Notice n = new Notice(NotificationType.VIRUS, "p", MmsInterface.MM3, 42, T0, T0.plusSeconds(5),
                new Sample("+4917000001", "EICAR", null, null, null));
        return NoticeComposer.compose(n, new Recipients.Recipient(ADMIN, Recipients.Kind.ADMIN), d,
                Optional.empty(), "p/MM3/VIRUS@1/" + ADMIN, T0);
    }

    private SendResult send(NotificationDelivery d) throws Exception {
        return sender.send(outgoing(d), d).get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String url() {
        return "smtp://127.0.0.1:" + smtp.port();
    }

    @Test
    void acceptedMailIsDeliveredAndTheDataIsTheNotice() throws Exception {
        smtp = SmtpStub.accepting();
        SendResult r = send(delivery(MmsInterface.MM3, url()));

        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        assertThat(r.detail()).isEqualTo("SMTP 250 2.0.0 queued");
        SmtpStub.Received got = smtp.next();
        assertThat(got.helo()).isEqualTo("notifier.test");
        assertThat(got.mailFrom()).isEqualTo("+4900000@mms.example");
        assertThat(got.rcptTo()).containsExactly(ADMIN + "@mms.example");
        MailMessage mail = new MailParser().parse(got.data());
        assertThat(mail.to()).extracting(MailAddress::address).containsExactly(ADMIN + "@mms.example");
        assertThat(mail.subject()).isEqualTo("mmsguard: virus on MM3");
        assertThat(mail.parts()).singleElement().satisfies(p -> assertThat(new String(p.content(),
                StandardCharsets.UTF_8)).contains("42 virus event(s)").contains("EICAR").contains("+4917000001"));
        assertThat(Mm4Reader.read(mail)).as("plain mail, no MM4 headers").isInstanceOf(Mm4ReadResult.Mm3.class);
    }

    @Test
    void mm4IsAnMm4ForwardReqRoutedToThePlmnAddress() throws Exception {
        smtp = SmtpStub.accepting();
        SendResult r = send(delivery(MmsInterface.MM4, url()));

        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        SmtpStub.Received got = smtp.next();
        assertThat(got.mailFrom()).isEqualTo("+4900000/TYPE=PLMN@mms.example");
        assertThat(got.rcptTo()).containsExactly(ADMIN + "/TYPE=PLMN@mms.example");
        Mm4ReadResult.Valid read = forwardReq(got.data(), "p/MM3/VIRUS@1/" + ADMIN, ADMIN);
        assertThat(read.message().originatorSystem()).isEqualTo("+4900000@mms.example");
        assertThat(read.mail().parts()).singleElement().satisfies(p -> assertThat(new String(p.content(),
                StandardCharsets.UTF_8)).contains("42 virus event(s)"));
    }

    /** Asserts that {@code data} is a valid MM4_forward.REQ with that transaction id to that MSISDN. */
    static Mm4ReadResult.Valid forwardReq(byte[] data, String transactionId, String msisdn) {
        Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(data));
        assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4ReadResult.Valid valid = (Mm4ReadResult.Valid) read;
        assertThat(valid.message().type()).isEqualTo(Mm4MessageType.FORWARD_REQ);
        assertThat(valid.message().transactionId()).isEqualTo(transactionId);
        assertThat(valid.message().to()).extracting(MailAddress::msisdn).containsExactly(msisdn);
        return valid;
    }

    @Test
    void aTransientRefusalIsRetryable() throws Exception {
        smtp = SmtpStub.answeringData("451 4.3.0 try again later");
        SendResult r = send(delivery(MmsInterface.MM3, url()));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(r.detail()).isEqualTo("SMTP 451 4.3.0 try again later");
        assertThat(smtp.received()).hasSize(1);
    }

    @Test
    void aPermanentRefusalIsPermanent() throws Exception {
        smtp = new SmtpStub(rcpt -> "550 5.1.1 no such user", tx -> "250 2.0.0 queued");
        SendResult r = send(delivery(MmsInterface.MM3, url()));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(r.detail()).isEqualTo("SMTP 550 5.1.1 no such user");
        assertThat(smtp.received()).as("the transaction ended at RCPT").isEmpty();
    }

    @Test
    void anUnreachablePortIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SendResult r = send(delivery(MmsInterface.MM3, "smtp://127.0.0.1:" + port));
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(r.detail()).startsWith("SMTP 451 4.4.1");
    }

    @Test
    void aMissingOrInvalidUrlIsPermanent() throws Exception {
        for (String url : new String[] {null, " ", "http://127.0.0.1:25/mms", "smtp://", "smtp://h:99999",
                "smtp://h:25/path", "not a url"}) {
            SendResult r = send(delivery(MmsInterface.MM3, url));
            assertThat(r.outcome()).as(url).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(r.detail()).as(url).contains("mmscUrl");
        }
    }

    @Test
    void theDefaultPortIs25() {
        assertThat(MailSender.upstream("smtp://mmsc.example").getPort()).isEqualTo(25);
        assertThat(MailSender.upstream("SMTP://mmsc.example:2526/").getPort()).isEqualTo(2526);
        assertThat(MailSender.upstream("smtp://mmsc.example:2526").getHostString()).isEqualTo("mmsc.example");
    }

    @Test
    void anHttpNoticeHasNoEnvelopeAndIsPermanent() throws Exception {
        NotificationDelivery d = delivery(MmsInterface.MM1, "smtp://127.0.0.1:25");
        SendResult r = sender.send(outgoing(d), d).get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        assertThat(r.detail()).contains("no SMTP envelope");
    }
}
