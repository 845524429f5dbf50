package io.mmsguard.bench.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.bench.BenchArgs;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mail.TransferEncoding;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.service.Settings;
import io.mmsguard.smtp.SmtpClient;

/**
 * MM4 messages per second and decision latency through the gateway's MM4 listener, the real inspection topology and
 * an SMTP MMSC stub, against a baseline in the same run: the same SMTP clients delivering straight to the stub.
 * Each client opens one SMTP connection per message, as the gateway's relay does.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.gateway.Mm4LoadBenchmark [--clients=32]
 *      [--messages=3000] [--size=30720] [--commit-interval-ms=100]</pre>
 */
public final class Mm4LoadBenchmark {
    private static final String RCPT = "+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs";
    private final int clients;
    private final int messages;
    private final int size;
    private final int commitMs;

    private Mm4LoadBenchmark(Map<String, String> o) {
        clients = Integer.parseInt(o.getOrDefault("clients", "32"));
        messages = Integer.parseInt(o.getOrDefault("messages", "3000"));
        size = Integer.parseInt(o.getOrDefault("size", "30720"));
        commitMs = Integer.parseInt(o.getOrDefault("commit-interval-ms", "100"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println("usage: Mm4LoadBenchmark [--clients=32] [--messages=3000] [--size=30720] "
                    + "[--commit-interval-ms=100]");
            return;
        }
        new Mm4LoadBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        SmtpMmscStub mmsc = new SmtpMmscStub();
        try (BenchPipeline pipeline = new BenchPipeline()) {
            List<byte[]> mails = new ArrayList<>(messages);
            Random random = new Random(11);
            for (int i = 0; i < messages; i++) {
                mails.add(forwardReq(i, random));
            }
            ClosedLoop.Result baseline = load(new InetSocketAddress("127.0.0.1", mmsc.port()), mails);
            pipeline.startInspection(commitMs);
            Map<String, String> gw = pipeline.gatewaySettings();
            gw.put("mm4.enabled", "true");
            gw.put("mm4.listen", "127.0.0.1:0");
            gw.put("mm4.upstream", "127.0.0.1:" + mmsc.port());
            gw.put("mm4.system-address", "system-user@mms.mnc010.mcc234.gprs");
            gw.put("mm4.peers.bench-peer.networks", "127.0.0.0/8");
            gw.put("mm4.peers.bench-peer.domains", "mms.mnc006.mcc260.gprs");
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(gw)))) {
                InetSocketAddress mm4 = new InetSocketAddress("127.0.0.1", gateway.port("mm4"));
                load(mm4, mails.subList(0, Math.min(300, mails.size())));
                ClosedLoop.Result through = load(mm4, mails);
                System.out.printf("%n%d clients, %d MM4_forward.REQ of %d bytes, commit interval %d ms%n", clients,
                        messages, mails.get(0).length, commitMs);
                System.out.printf("| run | messages/s | p50 ms | p99 ms | SMTP replies |%n|---|---|---|---|---|%n");
                System.out.printf("| baseline: straight to the SMTP MMSC stub | %.0f | %d | %d | %s |%n",
                        baseline.perSecond(), baseline.p50Millis(), baseline.p99Millis(), baseline.codes());
                System.out.printf("| through the MM4 gateway + inspection | %.0f | %d | %d | %s |%n",
                        through.perSecond(), through.p50Millis(), through.p99Millis(), through.codes());
                System.out.printf("ratio of messages/s: %.2f; the stub accepted %d in total%n",
                        through.perSecond() / baseline.perSecond(), mmsc.accepted());
                System.out.println("gateway decision latency (publish to decision, both runs): "
                        + DecisionLatency.scrape(gateway.httpPort(), "MM4"));
            }
        } finally {
            mmsc.close();
        }
    }

    /** An MM4_forward.REQ of about {@code size} bytes: a text part and a base64 image, each message different. */
    private byte[] forwardReq(int n, Random random) {
        byte[] image = new byte[Math.max(0, (size - 1500) * 3 / 4)];
        random.nextBytes(image);
        String from = "+4860" + String.format("%07d", n % 5000);
        MailEntity root = MailEntities.multipart("mixed", List.of(
                MailEntities.text("photo " + n),
                MailEntities.leaf(new MessagePart("image/jpeg", null, "photo.jpg", null, null, image),
                        TransferEncoding.BASE64)), Map.of());
        List<HeaderField> headers = List.of(
                HeaderField.of("From", from + "/TYPE=PLMN"),
                HeaderField.of("To", "+447700900456/TYPE=PLMN"),
                HeaderField.of("Subject", "photo"),
                HeaderField.of("Date", "Wed, 25 Nov 2026 10:00:00 +0100"),
                HeaderField.of("Message-ID", "<" + n + "@mms.peer>"),
                HeaderField.of("Sender", from + "/TYPE=PLMN@mms.mnc006.mcc260.gprs"),
                HeaderField.of("X-Mms-Message-Type", "MM4_forward.REQ"),
                HeaderField.of("X-Mms-3GPP-MMS-Version", "6.10.0"),
                HeaderField.of("X-Mms-Transaction-ID", "\"bench-" + n + "\""),
                HeaderField.of("X-Mms-Message-ID", "\"bench-" + n + "@mms.peer\""),
                HeaderField.of("X-Mms-Originator-System", "PostMaster@mms.mnc006.mcc260.gprs"),
                HeaderField.of("MIME-Version", "1.0"));
        return MailWriter.write(new MailMessage(MailEntities.withLeadingHeaders(root, headers)));
    }

    private ClosedLoop.Result load(InetSocketAddress target, List<byte[]> mails) throws Exception {
        ExecutorService relayThreads = Executors.newFixedThreadPool(clients);
        SmtpClient client = new SmtpClient(target, "mms.mnc006.mcc260.gprs", Duration.ofSeconds(10),
                Duration.ofSeconds(60), relayThreads);
        try {
            return ClosedLoop.run(clients, mails.size(), i -> client.send("+4860" + i
                    + "/TYPE=PLMN@mms.mnc006.mcc260.gprs", List.of(RCPT), mails.get(i)).get(120, TimeUnit.SECONDS)
                    .code());
        } finally {
            relayThreads.shutdown();
        }
    }
}
