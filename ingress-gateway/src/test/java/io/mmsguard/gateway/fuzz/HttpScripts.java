package io.mmsguard.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fuzz inputs for an HTTP listener (MM1, MM7), from valid requests: most keep their framing valid (the body mutated
 * and its Content-Length fixed) so that they reach the handler and, often enough, the inspection; the others mutate
 * the head or the whole request, send random bytes, pipeline, half-close, write slowly, chunk the body (with chunk
 * sizes off by one) or inject headers.
 */
final class HttpScripts {
    /** A valid request: method, target, headers (without Host and Content-Length, which are written here), body. */
    record Request(String method, String target, List<String> headers, byte[] body) {
        byte[] wire() {
            return wire(body, String.valueOf(body.length));
        }

        byte[] head(String contentLength) {
            StringBuilder b = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach(h -> b.append(h).append("\r\n"));
            if (contentLength != null) {
                b.append("Content-Length: ").append(contentLength).append("\r\n");
            }
            return Mutator.ascii(b.append("\r\n").toString());
        }

        byte[] wire(byte[] withBody, String contentLength) {
            return Script.concat(List.of(head(contentLength), withBody));
        }
    }

    private final List<Request> seeds;
    private final List<byte[]> seedBytes;

    HttpScripts(List<Request> seeds) {
        this.seeds = List.copyOf(seeds);
        this.seedBytes = seeds.stream().map(Request::wire).toList();
    }

    Script next(Random r) {
        Request seed = seeds.get(r.nextInt(seeds.size()));
        int p = r.nextInt(100);
        if (p < 15) {
            return Script.builder("valid").send(seed.wire()).expect(1);
        }
        if (p < 50) {
            return Script.builder("body-mutated").send(bodyMutated(seed, r)).expect(1);
        }
        if (p < 60) {
            byte[] head = Mutator.mutate(seed.head(String.valueOf(seed.body().length)), 1 + r.nextInt(2), r,
                    seedBytes);
            return Script.builder("head-mutated").send(Script.concat(List.of(head, seed.body()))).expect(1);
        }
        if (p < 67) {
            return Script.builder("request-mutated").send(Mutator.mutate(seed.wire(), 1 + r.nextInt(4), r, seedBytes))
                    .expect(1);
        }
        if (p < 71) {
            byte[] noise = Mutator.randomBytes(r, 1 + r.nextInt(4096));
            return Script.builder("random").send(r.nextBoolean() ? noise
                    : Script.concat(List.of(Mutator.ascii(seed.method() + " " + seed.target() + " HTTP/1.1\r\n"),
                    noise))).expect(1);
        }
        if (p < 79) {
            int n = 2 + r.nextInt(3);
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Request s = seeds.get(r.nextInt(seeds.size()));
                requests.add(r.nextInt(3) == 0 ? bodyMutated(s, r) : s.wire());
            }
            byte[] all = Script.concat(requests);
            if (r.nextBoolean()) {
                return Script.builder("pipelined").send(all).expect(n);
            }
            int cut = r.nextInt(all.length);
            return Script.builder("pipelined-split").send(java.util.Arrays.copyOf(all, cut))
                    .send(java.util.Arrays.copyOfRange(all, cut, all.length)).expect(n);
        }
        if (p < 84) {
            byte[] whole = r.nextBoolean() ? seed.wire() : bodyMutated(seed, r);
            return Script.builder("half-closed-mid-request")
                    .send(java.util.Arrays.copyOf(whole, r.nextInt(whole.length))).halfClose().expect(1);
        }
        if (p < 87) {
            return Script.builder("half-closed-after-request").send(seed.wire()).halfClose().expect(1);
        }
        if (p < 91) {
            return Script.builder("slow").sendSlowly(seed.wire(), r, 1 + r.nextInt(256), 2000).expect(1);
        }
        if (p < 95) {
            return Script.builder("chunked").send(chunked(seed, r)).expect(1);
        }
        return Script.builder("header-injection").send(injected(seed, r)).expect(1);
    }

    /** The body mutated a little (most still decode), with a Content-Length that matches it. */
    private byte[] bodyMutated(Request seed, Random r) {
        byte[] body = Mutator.mutate(seed.body(), 1 + (r.nextInt(4) == 0 ? r.nextInt(4) : 0), r, List.of(seed.body()));
        return seed.wire(body, String.valueOf(body.length));
    }

    private static byte[] chunked(Request seed, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> headers = new ArrayList<>(seed.headers());
        headers.add("Transfer-Encoding: chunked");
        out.writeBytes(new Request(seed.method(), seed.target(), headers, seed.body()).head(
                r.nextInt(5) == 0 ? String.valueOf(seed.body().length) : null)); // sometimes both: smuggling
        byte[] body = seed.body();
        boolean offByOne = r.nextInt(3) == 0;
        for (int at = 0; at < body.length; ) {
            int n = Math.min(body.length - at, 1 + r.nextInt(2048));
            int declared = offByOne && r.nextInt(4) == 0 ? n + (r.nextBoolean() ? 1 : -1) : n;
            out.writeBytes(Mutator.ascii(Integer.toHexString(Math.max(0, declared))
                    + (r.nextInt(8) == 0 ? ";ext=1" : "") + "\r\n"));
            out.write(body, at, n);
            out.writeBytes(Mutator.ascii("\r\n"));
            at += n;
        }
        out.writeBytes(Mutator.ascii(r.nextInt(6) == 0 ? "0\r\nX-Trailer: t\r\n\r\n" : "0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] injected(Request seed, Random r) {
        List<String> headers = new ArrayList<>(seed.headers());
        String contentLength = String.valueOf(seed.body().length);
        switch (r.nextInt(7)) {
            case 0 -> headers.add("X-Note: a\r\nX-Injected: b");
            case 1 -> headers.add("X-Note: a\nContent-Length: 0");
            case 2 -> headers.add("Content-Length: " + (seed.body().length + (r.nextBoolean() ? 1 : -1)));
            case 3 -> headers.add("X-Folded: a\r\n\tcontinued");
            case 4 -> headers.add("X-Big: " + "x".repeat(20_000 + r.nextInt(20_000)));
            case 5 -> {
                for (int i = 0, n = 50 + r.nextInt(500); i < n; i++) {
                    headers.add("X-Many-" + i + ": " + i);
                }
            }
            default -> headers.add("X-Bytes: caf\u00e9 \u0000 \u00ff");
        }
        if (r.nextInt(4) == 0) {
            contentLength = contentLength + ", " + contentLength;
        }
        return new Request(seed.method(), seed.target(), headers, seed.body()).wire(seed.body(), contentLength);
    }
}
