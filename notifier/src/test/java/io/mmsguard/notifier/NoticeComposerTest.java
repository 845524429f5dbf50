package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationTemplate;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Operation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticeComposerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Recipients.Recipient ADMIN = new Recipients.Recipient("+4915100001", Recipients.Kind.ADMIN);
    private static final Recipients.Recipient SENDER = new Recipients.Recipient("+4917000001", Recipients.Kind.SENDER);
    private static final Notice VIRUS = new Notice(NotificationType.VIRUS, "carrier", MmsInterface.MM1, 499,
            T0, T0.plusSeconds(3599), new Sample("+4917000001", "Eicar-Test-Signature", null, null, "a.exe"));
    private static final NotificationTemplate TEMPLATE = NotificationTemplate.newBuilder()
            .setType(NotificationType.VIRUS)
            .setSubject("%type% alert: %count% on %interface%")
            .setText("%count% %type% events on %interface% in %profile% since %since%: %virus% from %sender%; "
                    + "threshold %threshold%; %unknown% stays")
            .build();

    private static String text(MessagePart p) {
        return new String(p.content(), StandardCharsets.UTF_8);
    }

    private static NotificationDelivery.Builder delivery(MmsInterface method) {
        return NotificationDelivery.newBuilder().setMethod(method).setFromAddress("+4910000").setUserDomain("mms.example");
    }

    @Test
    void fillsTemplates() {
        NoticeComposer.Text t = NoticeComposer.text(VIRUS, ADMIN, TEMPLATE);
        assertThat(t.subject()).isEqualTo("virus alert: 499 on MM1");
        assertThat(t.body()).isEqualTo("499 virus events on MM1 in carrier since 2026-11-24T10:00:00Z: "
                + "Eicar-Test-Signature from +4917000001; threshold -; %unknown% stays");
    }

    @Test
    void builtInTextsDifferForAdminsAndSenders() {
        assertThat(NoticeComposer.text(VIRUS, ADMIN, null).body()).contains("499", "Eicar-Test-Signature", "MM1");
        NoticeComposer.Text s = NoticeComposer.text(VIRUS, SENDER, null);
        assertThat(s.body()).contains("Eicar-Test-Signature").doesNotContain("499");
        Notice flood = new Notice(NotificationType.FLOOD, "p", MmsInterface.MM4, 3, T0, T0,
                new Sample("+49170", null, "flood-thresh-2", "60 min", null));
        assertThat(NoticeComposer.text(flood, ADMIN, null).body()).contains("flood-thresh-2 (60 min)");
        assertThat(NoticeComposer.text(flood, ADMIN, null).subject()).isEqualTo("mmsguard: flood on MM4");
    }

    @Test
    void valuesLoseControlCharactersAndAreCapped() {
        Notice evil = new Notice(NotificationType.VIRUS, "p", MmsInterface.MM1, 1, T0, T0,
                new Sample("%virus%\r\nBcc: x@y", "V".repeat(300), null, null, null));
        NoticeComposer.Text t = NoticeComposer.text(evil, ADMIN, NotificationTemplate.newBuilder()
                .setType(NotificationType.VIRUS).setSubject("from %sender%\r\n%virus%").setText("%sender%|%virus%").build());
        assertThat(t.subject()).doesNotContain("\r", "\n").startsWith("from %virus%  Bcc: x@y ");
        assertThat(t.body()).startsWith("%virus%  Bcc: x@y|");
        assertThat(t.body().substring(t.body().indexOf('|') + 1)).hasSize(128).endsWith("...");
        assertThat(NoticeTemplate.fill("%SENDER%", Map.of("sender", "a\u2028b"))).isEqualTo("a b");
    }

    @Test
    void mm1IsAnMSendReqToTheRecipient() {
        NoticeComposer.Outgoing out = NoticeComposer.compose(VIRUS, ADMIN, delivery(MmsInterface.MM1).build(),
                Optional.of(TEMPLATE), "tx-1", T0);
        assertThat(out.contentType()).isEqualTo("application/vnd.wap.mms-message");
        MmsPdu pdu = new Mm1Decoder().decode(out.body());
        assertThat(pdu.messageType()).isEqualTo(MessageType.SEND_REQ);
        assertThat(pdu.transactionId()).isEqualTo("tx-1");
        assertThat(pdu.to()).containsExactly("+4915100001/TYPE=PLMN");
        assertThat(pdu.from().text()).isEqualTo("+4910000/TYPE=PLMN");
        assertThat(pdu.subject()).isEqualTo("virus alert: 499 on MM1");
        assertThat(pdu.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/plain");
            assertThat(text(p)).startsWith("499 virus events on MM1 in carrier");
        });
        assertThat(pdu.warnings()).isEmpty();
    }

    @Test
    void mm1WithoutFromAddressUsesTheInsertAddressToken() {
        byte[] b = NoticeComposer.mm1(new NoticeComposer.Text("s", "b"),
                NotificationDelivery.newBuilder().build(), "admin@example.org", "t");
        MmsPdu pdu = new Mm1Decoder().decode(b);
        assertThat(pdu.from().isInsertAddress()).isTrue();
        assertThat(pdu.to()).containsExactly("admin@example.org");
    }

    @Test
    void mm7SubmitReqAndDeliverReqDecode() {
        NotificationDelivery submit = delivery(MmsInterface.MM7).setVaspId("vasp1").setVasId("vas1").build();
        NoticeComposer.Outgoing out = NoticeComposer.compose(VIRUS, ADMIN, submit, Optional.of(TEMPLATE), "tx-7", T0);
        Mm7Message m = new Mm7Decoder().decode(out.body(), out.contentType());
        assertThat(m.operation()).isEqualTo(Mm7Operation.SUBMIT_REQ);
        assertThat(m.transactionId()).isEqualTo("tx-7");
        assertThat(m.vaspId()).isEqualTo("vasp1");
        assertThat(m.vasId()).isEqualTo("vas1");
        assertThat(m.senderAddress()).isEqualTo(Mm7Address.number("+4910000"));
        assertThat(m.recipients().to()).containsExactly(Mm7Address.number("+4915100001"));
        assertThat(m.subject()).isEqualTo("virus alert: 499 on MM1");
        assertThat(m.content()).singleElement().satisfies(p -> assertThat(text(p)).contains("Eicar-Test-Signature"));

        NotificationDelivery deliver = delivery(MmsInterface.MM7).setMm7Operation(io.mmsguard.avro.Mm7Operation.DELIVER)
                .build();
        out = NoticeComposer.compose(VIRUS, SENDER, deliver, Optional.empty(), "tx-8", T0);
        m = new Mm7Decoder().decode(out.body(), out.contentType());
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVER_REQ);
        assertThat(m.sender()).isEqualTo(Mm7Address.number("+4910000"));
        assertThat(m.recipients().to()).containsExactly(Mm7Address.number("+4917000001"));
        assertThat(m.subject()).isEqualTo(NoticeComposer.SENDER_SUBJECT);
    }

    @Test
    void mailParses() {
        NoticeComposer.Outgoing out = NoticeComposer.compose(VIRUS, ADMIN, delivery(MmsInterface.MM3).build(),
                Optional.of(TEMPLATE), "n-1", T0);
        MailMessage mail = new MailParser().parse(out.body());
        assertThat(mail.from().address()).isEqualTo("+4910000@mms.example");
        assertThat(mail.to()).extracting(a -> a.address()).containsExactly("+4915100001@mms.example");
        assertThat(mail.subject()).isEqualTo("virus alert: 499 on MM1");
        assertThat(mail.messageId()).contains("n-1@mms.example");
        assertThat(mail.date().toInstant()).isEqualTo(T0);
        assertThat(mail.parts()).singleElement().satisfies(p -> assertThat(text(p)).startsWith("499 virus events"));
        assertThat(Mm4Reader.read(mail)).isInstanceOf(Mm4ReadResult.Mm3.class);
        assertThat(out.envelope()).isEqualTo(new NoticeComposer.Envelope("+4910000@mms.example",
                "+4915100001@mms.example"));
        assertThatThrownBy(() -> NoticeComposer.mail(new NoticeComposer.Text("s", "b"),
                NotificationDelivery.newBuilder().setFromAddress("+491").build(), "+492", "id", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mm4IsAnMm4ForwardReqToTheRecipient() {
        NoticeComposer.Outgoing out = NoticeComposer.compose(VIRUS, ADMIN, delivery(MmsInterface.MM4).build(),
                Optional.of(TEMPLATE), "carrier/MM1/VIRUS@7/+4915100001", T0);
        Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(out.body()));
        assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message m = ((Mm4ReadResult.Valid) read).message();
        assertThat(m.type()).isEqualTo(Mm4MessageType.FORWARD_REQ);
        assertThat(m.mmsVersion()).isEqualTo(NoticeComposer.MM4_VERSION);
        assertThat(m.transactionId()).isEqualTo("carrier/MM1/VIRUS@7/+4915100001");
        assertThat(m.messageId()).isEqualTo("carrier/MM1/VIRUS_7/+4915100001@mms.example");
        assertThat(m.mailMessageId()).isEqualTo(m.messageId());
        assertThat(m.originatorSystem()).isEqualTo("+4910000@mms.example");
        assertThat(m.ackRequest()).isFalse();
        assertThat(m.from().address()).isEqualTo("+4910000/TYPE=PLMN");
        assertThat(m.to()).extracting(a -> a.address()).containsExactly("+4915100001/TYPE=PLMN");
        assertThat(m.subject()).isEqualTo("virus alert: 499 on MM1");
        assertThat(m.date().toInstant()).isEqualTo(T0);
        assertThat(read.mail().parts()).singleElement()
                .satisfies(p -> assertThat(text(p)).startsWith("499 virus events"));
        assertThat(out.envelope()).isEqualTo(new NoticeComposer.Envelope("+4910000/TYPE=PLMN@mms.example",
                "+4915100001/TYPE=PLMN@mms.example"));
    }

    @Test
    void mm4IdsAndMailRecipientsStayValid() {
        NotificationDelivery d = delivery(MmsInterface.MM4).build();
        NoticeComposer.Outgoing out = NoticeComposer.compose(VIRUS, new Recipients.Recipient("noc@example.org",
                Recipients.Kind.ADMIN), d, Optional.empty(), "prof \"x\"\\é/noc@example.org", T0);
        Mm4ReadResult read = Mm4Reader.read(new MailParser().parse(out.body()));
        assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message m = ((Mm4ReadResult.Valid) read).message();
        assertThat(m.transactionId()).isEqualTo("prof__x___/noc@example.org");
        assertThat(m.to()).extracting(a -> a.address()).containsExactly("noc@example.org");
        assertThat(out.envelope().rcptTo()).isEqualTo("noc@example.org");
        assertThatThrownBy(() -> NoticeComposer.mm4(new NoticeComposer.Text("s", "b"),
                NotificationDelivery.newBuilder().setMethod(MmsInterface.MM4).build(), "+492", "id", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fromAddress");
    }

    @Test
    void noticeFromAnEmission() {
        NoticeWindow.Step step = NoticeWindow.onEvent(NoticeWindow.State.EMPTY, T0, 1, VIRUS.sample(),
                java.time.Duration.ofHours(1));
        Notice n = Notice.of(NotificationType.VIRUS, "carrier", MmsInterface.MM1, step.emission().orElseThrow());
        assertThat(n.count()).isEqualTo(1);
        assertThat(n.sample()).isEqualTo(VIRUS.sample());
    }
}
