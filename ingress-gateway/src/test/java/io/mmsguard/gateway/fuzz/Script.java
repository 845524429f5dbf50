package io.mmsguard.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * One fuzz input as the client plays it on one connection: what it writes (with pauses, for slow writers), where it
 * half-closes, where it waits for an answer or switches to TLS, and how many answers it expects at the end. Generated
 * without sockets ({@link HttpScripts}, {@link SmtpScripts}) and played by {@link ScriptRunner}, so that a finding
 * can be written out as the bytes that caused it.
 */
record Script(String kind, List<Step> steps, int expectedAnswers) {

    sealed interface Step {
    }

    /** Writes the bytes after a pause. */
    record Send(byte[] bytes, int pauseMillis) implements Step {
    }

    /** Half-closes the connection (shutdownOutput): the client sends nothing more and reads on. */
    record HalfClose() implements Step {
    }

    /** Waits for one answer (an HTTP response, an SMTP reply). */
    record Await() implements Step {
    }

    /** Waits for the answer to STARTTLS and, if it is 220, does the TLS handshake (or, if not {@code handshake}, goes
     * on in plain text, which the gateway must take for a broken handshake). */
    record StartTls(boolean handshake) implements Step {
    }

    static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** A readable dump for the findings directory: the steps, the bytes in hex and as text. */
    String dump() {
        StringBuilder b = new StringBuilder("kind " + kind + ", expected answers " + expectedAnswers + "\n");
        for (Step s : steps) {
            if (s instanceof Send send) {
                b.append("SEND after ").append(send.pauseMillis()).append(" ms, ").append(send.bytes().length)
                        .append(" bytes: ").append(HexFormat.of().formatHex(send.bytes())).append("\n  text: ")
                        .append(new String(send.bytes(), StandardCharsets.ISO_8859_1)
                                .replace("\r", "\\r").replace("\n", "\\n")).append('\n');
            } else {
                b.append(s).append('\n');
            }
        }
        return b.toString();
    }

    static final class Builder {
        private final String kind;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        Builder send(byte[] bytes) {
            steps.add(new Send(bytes, 0));
            return this;
        }

        /** The bytes in chunks of 1..maxChunk with pauses, at most {@code totalMillis} of pauses in all. */
        Builder sendSlowly(byte[] bytes, Random r, int maxChunk, int totalMillis) {
            int pauses = 0;
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + r.nextInt(maxChunk));
                int pause = pauses >= totalMillis ? 0 : 10 + r.nextInt(150);
                pauses += pause;
                steps.add(new Send(java.util.Arrays.copyOfRange(bytes, at, at + n), pause));
                at += n;
            }
            return this;
        }

        Builder halfClose() {
            steps.add(new HalfClose());
            return this;
        }

        Builder await() {
            steps.add(new Await());
            return this;
        }

        Builder startTls(boolean handshake) {
            steps.add(new StartTls(handshake));
            return this;
        }

        Script expect(int answers) {
            return new Script(kind, List.copyOf(steps), answers);
        }
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
