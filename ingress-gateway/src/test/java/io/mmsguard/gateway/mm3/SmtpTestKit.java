package io.mmsguard.gateway.mm3;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mail.TransferEncoding;
import io.mmsguard.gateway.FakeInspector;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.mm4.Mm4Peer;
import io.mmsguard.gateway.mm4.Mm4Peers;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;

/**
 * Fakes and mails shared by the MM3 and MM4 handler tests: the {@link FakeInspector}, a relay recording
 * what it is asked to send, profiles "open" (fail-open) and "closed", and MIME mails written by the codec.
 */
public final class SmtpTestKit {
    public static final byte[] GIF = "GIF89a-not-really-an-image".getBytes(StandardCharsets.US_ASCII);
    public static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40123);
    /** The MM4 peer every test transaction comes from: {@link #CLIENT}'s network, sending for mms.mnc006.mcc260.gprs. */
    public static final String PEER = "peer-b";
    public static final Mm4Peers PEERS = Mm4Peers.of(List.of(new Mm4Peer(PEER, Set.of("mms.mnc006.mcc260.gprs"),
            Optional.of(TrustedProxies.parse("192.0.2.0/24")), Optional.empty(), Optional.empty())));

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final FakeInspector inspector = new FakeInspector();
    public final GatewayContext context = new GatewayContext(inspector, ProfileView.fixed(Map.of(
            "open", profile("open", true), "closed", profile("closed", false))), null, new GatewayMetrics(meters));

    private static MmsProfile profile(String name, boolean failOpen) {
        InterfaceSettings s = InterfaceSettings.newBuilder().setFailOpen(failOpen).build();
        return MmsProfile.newBuilder().setName(name).setMm3(s).setMm4(s).build();
    }

    public double outcomes(String mmsInterface, String outcome) {
        return meters.find("mmsguard.gateway.outcomes").tag("interface", mmsInterface).tag("outcome", outcome)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Waits for the handler's reply; the bound only keeps a broken handler from hanging the build. */
    public static SmtpReply await(CompletableFuture<SmtpReply> reply) {
        try {
            return reply.get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("handler did not answer: " + e, e);
        }
    }

    public static SmtpTransaction transaction(String mailFrom, List<String> rcptTo, byte[] data) {
        return new SmtpTransaction("mx.example.org", mailFrom, rcptTo, data, CLIENT, false, PEER, () -> true);
    }

    /** multipart/mixed: a text leaf (index 0) and a GIF attachment (index 1), with the given message headers. */
    public static byte[] mail(String text, HeaderField... headers) {
        MailEntity root = MailEntities.multipart("mixed", List.of(MailEntities.text(text),
                MailEntities.leaf(new MessagePart("image/gif", null, "cat.gif", null, null, GIF),
                        TransferEncoding.BASE64)), Map.of());
        List<HeaderField> leading = new ArrayList<>(List.of(headers));
        leading.add(HeaderField.of("MIME-Version", "1.0"));
        return MailWriter.write(new MailMessage(MailEntities.withLeadingHeaders(root, leading)));
    }

    /**
     * An MM4_forward.REQ from the peer MMSC mms.mnc006.mcc260.gprs: {@code from} (an MSISDN) to +447700900456, the
     * text and a GIF in a multipart/mixed body, acknowledgement requested.
     */
    public static byte[] mm4Forward(String from, String text, String transactionId) {
        HeaderField[] headers = {
            h("From", from + "/TYPE=PLMN"),
            h("To", "+447700900456/TYPE=PLMN"),
            h("Subject", "offer"),
            h("Date", "Wed, 25 Nov 2026 10:00:00 +0100"),
            h("Message-ID", "<" + transactionId + "@mms.peer>"),
            h("Sender", from + "/TYPE=PLMN@mms.mnc006.mcc260.gprs"),
            h("X-Mms-Message-Type", "MM4_forward.REQ"),
            h("X-Mms-3GPP-MMS-Version", "5.5.0"),
            h("X-Mms-Transaction-ID", "\"" + transactionId + "\""),
            h("X-Mms-Message-ID", "\"" + transactionId + "@w.mms.peer\""),
            h("X-Mms-Originator-System", "PostMaster@mms.mnc006.mcc260.gprs"),
            h("X-Mms-Ack-Request", "Yes")};
        return mail(text, headers);
    }

    public static HeaderField h(String name, String value) {
        return HeaderField.of(name, value);
    }

    public static SessionOutcome decided(Verdict verdict, Reason reason, String text, List<Integer> strip,
                                         ResponseStatus status) {
        return new SessionOutcome.Decided(Decision.newBuilder().setSessionId("s").setGatewayId("gw-test")
                .setVerdict(verdict).setReason(reason).setReplacementText(text).setPartsToStrip(strip)
                .setResponseStatus(status).setDecidedAt(Instant.now()).setProfile("closed").build());
    }

    public static SessionOutcome decided(Verdict verdict, Reason reason) {
        return decided(verdict, reason, null, List.of(), null);
    }

    /** One message as handed to the relay; equal when envelope and bytes are. */
    public record Sent(String mailFrom, List<String> rcptTo, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sent s && s.mailFrom.equals(mailFrom) && s.rcptTo.equals(rcptTo)
                    && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailFrom, rcptTo, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Sent[" + mailFrom + " -> " + rcptTo + ", " + data.length + " bytes]";
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    public static final class RecordingRelay implements SmtpRelay {
        public final List<Sent> sent = new CopyOnWriteArrayList<>();
        public volatile SmtpReply reply = SmtpReply.of(250, "2.0.0", "queued as 4F2A9");

        @Override
        public CompletableFuture<SmtpReply> deliver(String mailFrom, List<String> rcptTo, byte[] data) {
            sent.add(new Sent(mailFrom, List.copyOf(rcptTo), data.clone()));
            return CompletableFuture.completedFuture(reply);
        }
    }
}
