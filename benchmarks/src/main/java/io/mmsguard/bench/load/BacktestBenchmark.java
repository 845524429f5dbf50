package io.mmsguard.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.inspection.backtest.InboundRecord;
import io.mmsguard.inspection.backtest.ReplayEngine;
import io.mmsguard.inspection.backtest.ReplayOptions;
import io.mmsguard.inspection.backtest.Replayed;
import io.mmsguard.inspection.backtest.RuleChange;
import io.mmsguard.inspection.backtest.RuleTimeline;
import io.mmsguard.inspection.backtest.Verdicts;
import io.mmsguard.inspection.profile.ContentChecksum;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.inspection.service.VirusScanners;

/**
 * Backtest replay speed on the load generator's message mix ({@link TrafficPlan}, {@link LoadMessages#content}:
 * clean, virus, spam, flood bursts and duplicate campaigns over MM1, MM4 and MM7, 30 kB by default) as envelopes in
 * memory, through {@link ReplayEngine} with the load profile: messages per second with scanners on and off, with 1
 * and 2 threads, all in one run, so the ratios compare like with like. Reading Kafka is not included.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.load.BacktestBenchmark [messages] [rounds]}
 */
public final class BacktestBenchmark {

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        LoadOptions options = new LoadOptions(Map.of());
        List<InboundRecord> records = records(options, messages);
        RuleTimeline rules = new RuleTimeline(List.of(new RuleChange.Profile(Long.MIN_VALUE,
                LoadProfile.profile(options))));
        VirusScanner av = VirusScanners.builtIn(java.util.Optional.empty(), 64L << 20);
        System.out.printf("backtest replay of %d messages (%d kB mean, load generator mix), %d cores, best of %d%n",
                messages, options.sizeMean / 1000, Runtime.getRuntime().availableProcessors(), rounds);
        Map<String, Double> rates = new LinkedHashMap<>();
        for (boolean scanners : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2}) {
                ReplayOptions o = new ReplayOptions(threads, scanners, av);
                List<Replayed> first = new ReplayEngine(rules, o).replay(records); // warm-up, and the verdict mix
                double best = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    new ReplayEngine(rules, o).replay(records);
                    best = Math.max(best, messages / ((System.nanoTime() - t0) / 1e9));
                }
                String key = "scanners " + (scanners ? "on " : "off") + ", " + threads + " thread(s)";
                rates.put(key, best);
                System.out.printf("%-26s %9.0f msg/s  %9.0f msg/s per thread  verdicts %s%n", key, best,
                        best / threads, mix(first));
            }
        }
        double on1 = rates.get("scanners on , 1 thread(s)");
        double off1 = rates.get("scanners off, 1 thread(s)");
        System.out.printf("ratios: 2 threads / 1 thread: scanners on %.2f, off %.2f; scanners off / on (1 thread)"
                + " %.2f; a day of 10 msg/s (864,000) at 1 thread, scanners on: %.0f s%n",
                rates.get("scanners on , 2 thread(s)") / on1, rates.get("scanners off, 2 thread(s)") / off1,
                off1 / on1, 864_000 / on1);
    }

    private static String mix(List<Replayed> replayed) {
        Map<String, Integer> count = new java.util.TreeMap<>();
        replayed.forEach(r -> count.merge(Verdicts.of(r), 1, Integer::sum));
        return count.toString();
    }

    /** The plan's messages as the gateways would publish them, one millisecond apart, on six partitions. */
    static List<InboundRecord> records(LoadOptions options, int messages) {
        TrafficPlan plan = new TrafficPlan(options, "backtest", options.seed, false);
        long t0 = Instant.parse("2026-12-06T00:00:00Z").toEpochMilli();
        List<InboundRecord> out = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            TrafficPlan.Planned p = plan.next();
            LoadMessages.Content c = LoadMessages.content(p, p.size() - 700);
            List<MmsPart> parts = new ArrayList<>(Arrays.asList(part("text/plain", "text.txt",
                    c.text().getBytes(StandardCharsets.UTF_8)), part("image/jpeg", "photo.jpg", c.image())));
            if (c.virus()) {
                parts.add(part("application/octet-stream", "eicar.com",
                        LoadMessages.EICAR.getBytes(StandardCharsets.US_ASCII)));
            }
            MmsEnvelope e = MmsEnvelope.newBuilder().setSessionId("bt-" + i).setGatewayId("bench").setReplyPartition(0)
                    .setMmsInterface(MmsInterface.valueOf(p.iface().name())).setDirection(Direction.SEND)
                    .setSender(p.sender()).setRecipients(List.of(Recipient.newBuilder().setAddress(LoadMessages.RECIPIENT)
                            .setKind(RecipientKind.TO).build()))
                    .setSubject(c.subject()).setContentType("application/vnd.wap.multipart.related").setParts(parts)
                    .setOriginalSize(p.size()).setReceivedAt(Instant.ofEpochMilli(t0 + i))
                    .setTransport(Transport.newBuilder().build()).setProfile(LoadProfile.NAME).build();
            out.add(new InboundRecord(e, t0 + i, Math.floorMod(p.sender().hashCode(), 6), i));
        }
        return out;
    }

    private static MmsPart part(String type, String filename, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return MmsPart.newBuilder().setContentType(type).setFilename(filename).setSize(content.length)
                .setCrc32(crc.getValue()).setSha256(ContentChecksum.sha256Hex(content))
                .setContent(ByteBuffer.wrap(content)).build();
    }
}
