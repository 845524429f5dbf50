package io.mmsguard.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The load generator's options ({@code --name=value}; a bare {@code --flag} is "true"); {@link #HELP} lists them. */
final class LoadOptions {
    static final String HELP = """
            usage: java -Xmx3g -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.load.LoadGenerator [options]

            traffic
              --mix=mm1:60,mm4:20,mm7:20   interfaces and their weights (any subset)
              --size-mean=30000            mean message size in bytes (the encoded request, about)
              --size-dist=fixed            fixed | exponential | lognormal (sigma 1); sizes clamped to 512..900000
              --seed=1                     seeds the plan (categories, senders, sizes) and every message's content
              --virus=0.01                 share with an EICAR attachment (blocked by the antivirus)
              --spam=0.02                  share with banned words scoring over the profile's threshold
              --flood=0.05                 share sent as bursts from one sender per burst (same interface)
              --flood-limit=10             the profile's flood limit per sender (60 min window, block time 0)
              --flood-burst=20             messages per flood sender: flood-limit pass, the rest are blocked
              --duplicate=0.05             share sent as campaigns of identical content from many senders
              --duplicate-limit=10         the profile's duplicate limit per content (60 min window)
              --duplicate-burst=20         messages per campaign: duplicate-limit pass, the rest are blocked
            load model
              --mode=closed                closed | open
              --clients=16                 closed loop: concurrent clients, each sends when answered
              --rate=100                   open loop: intended sends per second
              --arrivals=poisson           open loop: poisson | fixed
              --max-in-flight=1000         open loop: sends beyond this many outstanding are dropped and counted
              --duration=60s               measured run length (ms, s, m); or
              --messages=N                 a measured run of N messages (wins over --duration)
              --warmup=200                 clean, unique messages sent before each scenario's measured run
              --timeout=30s                client-side deadline per message (the gateway's decision timeout is
                                           set 5 s shorter, so it answers before the client gives up)
            pipeline
              --commit-interval-ms=20      inspection.commit-interval (and the Kafka baseline's commit.interval.ms)
              --guarantee=exactly_once_v2  exactly_once_v2 | at_least_once (kafka.processing.guarantee)
              --stream-threads=1           inspection.threads (and the Kafka baseline's num.stream.threads)
              --inspection-kafka=K=V,...   Kafka client settings for the pipeline's inspection service
                                           (kafka.K), e.g. fetch.max.wait.ms=5; not for the Kafka baseline
              --gateway-kafka=K=V,...      the same for the pipeline's gateway (its producer and reply consumer)
              --shadow                     the profile load names a shadow on every interface: load-shadow, a
                                           copy with half the flood and duplicate limits, judged by the
                                           inspection service's shadow application (mms.shadow-log)
              --similar                    the profile load has a similar-content threshold on MM1 and MM4
                                           (LOG only, limit 1000000: counts every fingerprinted message, blocks
                                           nothing), so those messages take the two similar-content hops
            scenarios (all on by default; the pipeline always runs)
              --no-stub-baseline           skip (c): clients straight to the MMSC stubs
              --no-gateway-baseline        skip (b): through the gateway with a PASS inspector, no Kafka per message
              --no-kafka-baseline          skip (a): Kafka request/reply through a pass-through Streams app
            output
              --out=load-result/result.json  JSON; result.md (Markdown) is written next to it
              --help
            """;

    enum Mode { CLOSED, OPEN }

    enum SizeDist { FIXED, EXPONENTIAL, LOGNORMAL }

    final Map<Iface, Integer> mix;
    final int sizeMean;
    final SizeDist sizeDist;
    final long seed;
    final double virus;
    final double spam;
    final double flood;
    final double duplicate;
    final int floodLimit;
    final int floodBurst;
    final int duplicateLimit;
    final int duplicateBurst;
    final Mode mode;
    final int clients;
    final double rate;
    final boolean poisson;
    final int maxInFlight;
    final Duration duration;
    final int messages;
    final int warmup;
    final Duration timeout;
    final int commitIntervalMs;
    final String guarantee;
    final int streamThreads;
    final Map<String, String> inspectionKafka;
    final Map<String, String> gatewayKafka;
    final boolean shadow;
    final boolean similar;
    final boolean stubBaseline;
    final boolean gatewayBaseline;
    final boolean kafkaBaseline;
    final Path out;
    final Map<String, String> given;

    LoadOptions(Map<String, String> o) {
        this.given = new LinkedHashMap<>(o);
        Map<String, String> known = new LinkedHashMap<>(o);
        mix = mix(take(known, "mix", "mm1:60,mm4:20,mm7:20"));
        sizeMean = Integer.parseInt(take(known, "size-mean", "30000"));
        sizeDist = SizeDist.valueOf(take(known, "size-dist", "fixed").toUpperCase(Locale.ROOT));
        seed = Long.parseLong(take(known, "seed", "1"));
        virus = Double.parseDouble(take(known, "virus", "0.01"));
        spam = Double.parseDouble(take(known, "spam", "0.02"));
        flood = Double.parseDouble(take(known, "flood", "0.05"));
        duplicate = Double.parseDouble(take(known, "duplicate", "0.05"));
        floodLimit = Integer.parseInt(take(known, "flood-limit", "10"));
        floodBurst = Integer.parseInt(take(known, "flood-burst", "20"));
        duplicateLimit = Integer.parseInt(take(known, "duplicate-limit", "10"));
        duplicateBurst = Integer.parseInt(take(known, "duplicate-burst", "20"));
        mode = Mode.valueOf(take(known, "mode", "closed").toUpperCase(Locale.ROOT));
        clients = Integer.parseInt(take(known, "clients", "16"));
        rate = Double.parseDouble(take(known, "rate", "100"));
        poisson = switch (take(known, "arrivals", "poisson")) {
            case "poisson" -> true;
            case "fixed" -> false;
            default -> throw new IllegalArgumentException("--arrivals must be poisson or fixed");
        };
        maxInFlight = Integer.parseInt(take(known, "max-in-flight", "1000"));
        duration = duration(take(known, "duration", "60s"));
        messages = Integer.parseInt(take(known, "messages", "0"));
        warmup = Integer.parseInt(take(known, "warmup", "200"));
        timeout = duration(take(known, "timeout", "30s"));
        commitIntervalMs = Integer.parseInt(take(known, "commit-interval-ms", "20"));
        guarantee = take(known, "guarantee", "exactly_once_v2");
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw new IllegalArgumentException("--guarantee must be exactly_once_v2 or at_least_once");
        }
        streamThreads = Integer.parseInt(take(known, "stream-threads", "1"));
        inspectionKafka = kafkaSettings(take(known, "inspection-kafka", ""));
        gatewayKafka = kafkaSettings(take(known, "gateway-kafka", ""));
        shadow = Boolean.parseBoolean(take(known, "shadow", "false"));
        similar = Boolean.parseBoolean(take(known, "similar", "false"));
        stubBaseline = !Boolean.parseBoolean(take(known, "no-stub-baseline", "false"));
        gatewayBaseline = !Boolean.parseBoolean(take(known, "no-gateway-baseline", "false"));
        kafkaBaseline = !Boolean.parseBoolean(take(known, "no-kafka-baseline", "false"));
        out = Path.of(take(known, "out", "load-result/result.json"));
        known.remove("help");
        if (!known.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + known.keySet() + "; see --help");
        }
        if (virus + spam + flood + duplicate > 1.0) {
            throw new IllegalArgumentException("--virus + --spam + --flood + --duplicate must be at most 1");
        }
        if (floodBurst < 1 || duplicateBurst < 1 || floodLimit < 0 || duplicateLimit < 0) {
            throw new IllegalArgumentException("bursts must be >= 1 and limits >= 0");
        }
        if (timeout.toMillis() < 6000) {
            throw new IllegalArgumentException("--timeout must be at least 6s (the gateway's is 5 s shorter)");
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("not an option: " + a);
            }
            String[] kv = a.substring(2).split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return options;
    }

    /** The gateway's decision timeout: shorter than the client's, so the gateway's own answer arrives first. */
    Duration gatewayDecisionTimeout() {
        return timeout.minusSeconds(5);
    }

    private static String take(Map<String, String> o, String key, String def) {
        String v = o.remove(key);
        return v == null ? def : v;
    }

    private static Map<Iface, Integer> mix(String spec) {
        Map<Iface, Integer> m = new EnumMap<>(Iface.class);
        for (String item : spec.split(",")) {
            String[] kv = item.trim().split(":");
            int weight = kv.length > 1 ? Integer.parseInt(kv[1]) : 1;
            if (weight > 0) {
                m.put(Iface.valueOf(kv[0].trim().toUpperCase(Locale.ROOT)), weight);
            }
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("--mix names no interface");
        }
        return m;
    }

    /** {@code K=V,K=V} as the settings {@code kafka.K} = V. */
    private static Map<String, String> kafkaSettings(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] kv = item.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("Kafka settings are K=V,K=V: " + spec);
            }
            m.put("kafka." + kv[0].trim(), kv[1].trim());
        }
        return Map.copyOf(m);
    }

    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }
}
