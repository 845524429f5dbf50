package io.mmsguard.embedded;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm4.AlertMails;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.deploy.cli.HttpPost;
import io.mmsguard.deploy.cli.Mm1Client;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.testkit.smtp.SmtpStub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * {@code mmsguard up --demo}: sample traffic over every interface, as handsets, VASPs, mail servers and peer MMSCs
 * send it, through the gateways and the real inspection topology to the demo MMSC. Per message it records what
 * the client was answered, whether the MMSC got the message, and why the topology decided as it did (read back
 * from mms.inspection-log); then it waits until the notifier has turned every alert into delivered notices and
 * collects those. Senders and contents carry a per-run tag, so a second run on the same data directory is judged
 * on its own.
 */
final class Demo {
    static final int FLOOD_MESSAGES = 8;
    static final int DUPLICATE_MESSAGES = 5;
    static final int MM4_FLOOD_MESSAGES = 4;
    static final String PEER_DOMAIN = "mms.peer.example";
    private static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String RECIPIENT = "+4916000001";

    /** Where the gateways listen. */
    /** @param mm7Authorization the Authorization header of the demo VASP (its password is generated per run) */
    record Endpoints(URI mm1, URI mm7, InetSocketAddress mm3, InetSocketAddress mm4, String mm7Authorization) {
    }

    /** What a message is meant to show. */
    enum Kind { CLEAN, VIRUS, FILE, SPAM, FLOOD, DUPLICATE }

    /** One message to send: the client's side of it. */
    private record Message(MmsInterface mmsInterface, String sender, String label, Kind kind, String id,
                           Send send) {
    }

    @FunctionalInterface
    private interface Send {
        Answer send() throws Exception;
    }

    /** The client's answer: whether it says the message was refused, and its text. */
    private record Answer(boolean refused, String text) {
    }

    /**
     * One message's outcome.
     *
     * @param answer    what the client was answered, e.g. {@code m-send.conf Ok}, {@code SMTP 550 5.7.1 ...}
     * @param blocked   the message was refused (for MM4: an MM4_forward.RES with an error reached the originator)
     * @param forwarded the demo MMSC received it
     * @param why       verdict, reason and detail from the inspection log, or null when none was found
     */
    record Line(MmsInterface mmsInterface, String sender, String label, Kind kind, String answer, boolean blocked,
                boolean forwarded, String why) {
    }

    record Result(List<Line> lines, List<DemoMmsc.Notice> notices, boolean noticesSettled) {

        /** Every message has an inspection record, and the notifier caught up. */
        boolean complete() {
            return noticesSettled && lines.stream().allMatch(l -> l.why() != null);
        }

        long blocked() {
            return lines.stream().filter(Line::blocked).count();
        }

        long forwarded() {
            return lines.stream().filter(Line::forwarded).count();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            String format = "%-4s %-24s %-18s %-8s %-4s %-38s %s%n";
            b.append(String.format(format, "via", "sender", "message", "outcome", "MMSC", "answer", "why"));
            for (Line l : lines) {
                b.append(String.format(format, l.mmsInterface(), l.sender(), l.label(),
                        l.blocked() ? "BLOCKED" : "passed", l.forwarded() ? "yes" : "no", cut(l.answer(), 38),
                        l.why() == null ? "(no inspection record)" : l.why()));
            }
            b.append(String.format("%n%d messages: %d passed and forwarded, %d blocked.%n", lines.size(),
                    forwarded(), blocked()));
            b.append(String.format("%nNotices the notifier delivered to the MMSC during this run (%d):%n",
                    notices.size()));
            for (DemoMmsc.Notice n : notices) {
                b.append(String.format("  to %-22s %s: %s%n", n.to(), n.subject(), n.text()));
            }
            if (notices.isEmpty()) {
                b.append("  none: every notice stream already notified within its interval (1 hour), so this run's"
                        + " events are counted for the next periodic notice.\n");
            }
            if (!noticesSettled) {
                b.append("  (the notifier had not caught up with every alert when the demo stopped waiting)\n");
            }
            return b.toString();
        }

        private static String cut(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 3) + "...";
        }
    }

    private final Endpoints endpoints;
    private final DemoMmsc mmsc;
    private final DemoObserver observer;
    private final Duration timeout;
    private final HttpPost http;
    private final Mm1Client mm1Client;
    private final String tag = Long.toString(System.currentTimeMillis() % 100_000_000L);

    Demo(Endpoints endpoints, DemoMmsc mmsc, DemoObserver observer, Duration timeout) {
        this.endpoints = endpoints;
        this.mmsc = mmsc;
        this.observer = observer;
        this.timeout = timeout;
        this.http = new HttpPost(timeout);
        this.mm1Client = new Mm1Client(http);
    }

    /** How many messages {@link #run} sends. */
    static int size() {
        return 4 + FLOOD_MESSAGES + DUPLICATE_MESSAGES + 2 + 2 + 2 + MM4_FLOOD_MESSAGES;
    }

    /**
     * Sends every message one at a time (so that thresholds count in the order shown), calling {@code progress}
     * with the number sent so far, then collects the outcomes.
     */
    Result run(IntConsumer progress) throws Exception {
        Instant start = Instant.now();
        ExecutorService smtpPool = Executors.newFixedThreadPool(2);
        try {
            List<Message> messages = messages(smtpPool);
            List<Answer> answers = new ArrayList<>();
            for (Message m : messages) {
                answers.add(m.send().send());
                progress.accept(answers.size());
            }
            Map<String, List<InspectionLog>> logs = observer.inspectionLogSince(start,
                    messages.stream().map(Message::sender).distinct().toList(), messages.size(), timeout);
            boolean settled = observer.awaitNotifierCaughtUp(timeout);
            Map<String, Integer> seen = new HashMap<>();
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                String key = m.mmsInterface() + "|" + m.sender();
                int n = seen.merge(key, 1, Integer::sum) - 1;
                List<InspectionLog> records = logs.getOrDefault(key, List.of());
                InspectionLog log = n < records.size() ? records.get(n) : null;
                lines.add(line(m, answers.get(i), log));
            }
            return new Result(lines, mmsc.notices(), settled);
        } finally {
            smtpPool.shutdownNow();
        }
    }

    private Line line(Message m, Answer a, InspectionLog log) throws InterruptedException {
        boolean blocked = a.refused();
        boolean forwarded;
        String answer = a.text();
        switch (m.mmsInterface()) {
            case MM1, MM7 -> forwarded = mmsc.received(m.id());
            case MM3 -> forwarded = !mmsc.mails(m.id()).isEmpty();
            default -> {
                // MM4 answers 250 either way; the verdict travels back as an MM4_forward.RES to the originator.
                MailOutcome o = awaitMm4(m.id());
                forwarded = o.forwarded();
                blocked = o.status() != null;
                if (blocked) {
                    answer += "; .RES " + o.status();
                }
            }
        }
        return new Line(m.mmsInterface(), m.sender(), m.label(), m.kind(), answer, blocked, forwarded, why(log));
    }

    private record MailOutcome(boolean forwarded, String status) {
    }

    private MailOutcome awaitMm4(String transactionId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (SmtpStub.Received r : mmsc.mails(transactionId)) {
                String type = DemoMmsc.header(r, "X-Mms-Message-Type").orElse("");
                if (type.equalsIgnoreCase("MM4_forward.REQ")) {
                    return new MailOutcome(true, null);
                }
                if (type.equalsIgnoreCase("MM4_forward.RES")) {
                    return new MailOutcome(false, DemoMmsc.header(r, "X-Mms-Request-Status-Code").orElse("?"));
                }
            }
            if (System.nanoTime() > deadline) {
                return new MailOutcome(false, null);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String why(InspectionLog log) {
        if (log == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(log.getVerdict() + " " + log.getReason());
        if (log.getVerdict() != Verdict.PASS) {
            for (ThresholdCount t : log.getThresholds()) {
                if (t.getExceeded()) {
                    b.append(String.format(" %s-%d: %d > %d in %d min", t.getKind().name().toLowerCase(),
                            t.getIndex(), t.getCount(), t.getLimit(), t.getWindowMinutes()));
                }
            }
            if (log.getDetail() != null && !log.getDetail().isBlank()) {
                b.append(" (").append(log.getDetail()).append(')');
            }
        }
        return b.toString();
    }

    private List<Message> messages(ExecutorService smtpPool) {
        List<Message> m = new ArrayList<>();
        mm1(m, "+4917001" + tag, "clean text", Kind.CLEAN, text("see you at eight"));
        mm1(m, "+4917002" + tag, "virus attachment", Kind.VIRUS,
                MmsPart.of(ContentType.of("application/octet-stream"), "eicar", "eicar.com", EICAR));
        mm1(m, "+4917003" + tag, "banned file type", Kind.FILE,
                MmsPart.of(ContentType.of("application/octet-stream"), "game", "game.exe", new byte[] {'M', 'Z', 0}));
        mm1(m, "+4917004" + tag, "spam words", Kind.SPAM, text("casino casino free money now"));
        for (int i = 0; i < FLOOD_MESSAGES; i++) {
            mm1(m, "+4917005" + tag, "flood " + (i + 1) + "/" + FLOOD_MESSAGES, Kind.FLOOD,
                    text("message " + i + " of a flood"));
        }
        for (int i = 0; i < DUPLICATE_MESSAGES; i++) {
            mm1(m, "+491706" + i + tag, "duplicate " + (i + 1) + "/" + DUPLICATE_MESSAGES, Kind.DUPLICATE,
                    text("win a prize " + tag));
        }
        mm7(m, "+4917007" + tag, "VASP clean", Kind.CLEAN, part("text/plain", "text.txt",
                "Your parcel arrives today".getBytes(StandardCharsets.UTF_8)));
        mm7(m, "+4917008" + tag, "VASP virus", Kind.VIRUS, part("application/octet-stream", "eicar.com", EICAR));
        SmtpClient mm3 = new SmtpClient(endpoints.mm3(), "mail.internet.example", timeout, timeout, smtpPool);
        mm3(m, mm3, "alice." + tag + "@internet.example", "mail clean", Kind.CLEAN, "Lunch tomorrow?");
        mm3(m, mm3, "bob." + tag + "@internet.example", "mail spam", Kind.SPAM, "casino casino free money now");
        SmtpClient mm4 = new SmtpClient(endpoints.mm4(), PEER_DOMAIN, timeout, timeout, smtpPool);
        mm4(m, mm4, "+4917009" + tag, "peer clean", Kind.CLEAN, "hello from the other network", null);
        mm4(m, mm4, "+4917010" + tag, "peer virus", Kind.VIRUS, "see attachment",
                part("application/octet-stream", "eicar.com", EICAR));
        for (int i = 0; i < MM4_FLOOD_MESSAGES; i++) {
            mm4(m, mm4, "+4917011" + tag, "peer flood " + (i + 1) + "/" + MM4_FLOOD_MESSAGES, Kind.FLOOD,
                    "peer message " + i, null);
        }
        return m;
    }

    private void mm1(List<Message> out, String sender, String label, Kind kind, MmsPart part) {
        String id = "demo-" + tag + "-" + out.size();
        out.add(new Message(MmsInterface.MM1, sender, label, kind, id, () -> {
            Mm1Client.Answer r = mm1Client.submit(endpoints.mm1(), Mm1Client.sendReq(id, FromAddress.insertAddress(),
                    List.of(RECIPIENT + "/TYPE=PLMN"), null, List.of(part)), Map.of("x-up-calling-line-id", sender));
            if (r.conf() == null) {
                return new Answer(true, "HTTP " + r.httpStatus());
            }
            int status = r.conf().responseStatus() == null ? -1 : r.conf().responseStatus();
            String text = r.conf().responseText() == null ? "" : " " + r.conf().responseText();
            return new Answer(status != 0x80, "m-send.conf " + (status == 0x80 ? "Ok"
                    : String.format("0x%02X", status)) + text);
        }));
    }

    private void mm7(List<Message> out, String sender, String label, Kind kind, MessagePart part) {
        String id = "demo-" + tag + "-" + out.size();
        out.add(new Message(MmsInterface.MM7, sender, label, kind, id, () -> {
            Mm7HttpMessage req = new Mm7Encoder().encode(
                    Mm7Message.builder(Mm7Operation.SUBMIT_REQ, Mm7Namespace.REL_6_MM7_1_4)
                            .transactionId(id).mm7Version("6.8.0").vaspId(EmbeddedServices.DEMO_VASP).vasId("demo")
                            .senderAddress(Mm7Address.number(sender))
                            .recipients(Mm7Recipients.to(Mm7Address.number(RECIPIENT)))
                            .subject(label).contentRef(Mm7ContentRef.cid(part.contentId()))
                            .content(List.of(part)).build());
            HttpResponse<byte[]> r = http.post(endpoints.mm7(), req.contentType(), req.body(),
                    Map.of("SOAPAction", "\"\"", "Authorization", endpoints.mm7Authorization()));
            Mm7Message rsp = new Mm7Decoder().decode(r.body(), r.headers().firstValue("Content-Type").orElse(null));
            int code = rsp.status() == null ? -1 : rsp.status().code();
            return new Answer(code != 1000, "SubmitRsp " + code + (rsp.status() == null ? ""
                    : " " + rsp.status().text()));
        }));
    }

    private void mm3(List<Message> out, SmtpClient client, String sender, String label, Kind kind, String text) {
        String messageId = "demo-" + tag + "-" + out.size() + "@internet.example";
        out.add(new Message(MmsInterface.MM3, sender, label, kind, messageId, () -> {
            byte[] data = MailWriter.write(AlertMails.mm3(MailAddress.of(sender),
                    List.of(MailAddress.of(RECIPIENT + "@mms.demo.example")), label,
                    Instant.now().atZone(ZoneOffset.UTC), messageId, text, null));
            return smtp(client, sender, RECIPIENT + "@mms.demo.example", data);
        }));
    }

    private void mm4(List<Message> out, SmtpClient client, String sender, String label, Kind kind, String text,
                     MessagePart attachment) {
        String id = "demo-" + tag + "-" + out.size();
        out.add(new Message(MmsInterface.MM4, sender, label, kind, id, () -> {
            String from = sender + "/TYPE=PLMN";
            Mm4Message headers = Mm4Message.builder(Mm4MessageType.FORWARD_REQ)
                    .mmsVersion("6.10.0").transactionId(id).messageId(id + "@" + PEER_DOMAIN)
                    .originatorSystem("system-user@" + PEER_DOMAIN).ackRequest(true)
                    .from(MailAddress.of(from)).to(List.of(MailAddress.of(RECIPIENT + "/TYPE=PLMN")))
                    .subject(label).date(Instant.now().atZone(ZoneOffset.UTC)).mailMessageId(id + "@" + PEER_DOMAIN)
                    .build();
            byte[] data = MailWriter.write(AlertMails.mm4(headers, text, attachment));
            return smtp(client, from + "@" + PEER_DOMAIN, RECIPIENT + "/TYPE=PLMN@mms.demo.example", data);
        }));
    }

    private Answer smtp(SmtpClient client, String mailFrom, String rcpt, byte[] data) throws Exception {
        SmtpReply reply = client.send(mailFrom, List.of(rcpt), data).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Answer(!reply.positive(), "SMTP " + reply.code() + " " + String.join(" ", reply.lines()));
    }

    private static MmsPart text(String text) {
        return Mm1Client.text(text);
    }

    private static MessagePart part(String contentType, String name, byte[] content) {
        return new MessagePart(contentType, null, name, "part-1", name, content);
    }
}
