package io.mmsguard.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fuzz inputs for an SMTP listener (MM3, MM4), from valid dialogues (EHLO, MAIL, RCPT, DATA, the mail, QUIT): the
 * mail mutated (often with its line ends repaired, so that it reaches the handler), commands mutated, reordered,
 * repeated or dropped, random bytes, STARTTLS at every step (with a handshake, or plain text after the 220), BDAT
 * chunks interleaved with DATA, the whole dialogue pipelined in one write, half-closed, written slowly, and
 * oversized lines, SIZE and recipient lists.
 */
final class SmtpScripts {
    private final List<byte[]> mails;
    private final String mailFrom;
    private final String rcptTo;

    /** @param mails valid mails (CRLF line ends, not dot-stuffed) */
    SmtpScripts(List<byte[]> mails, String mailFrom, String rcptTo) {
        this.mails = List.copyOf(mails);
        this.mailFrom = mailFrom;
        this.rcptTo = rcptTo;
    }

    Script next(Random r) {
        byte[] mail = mails.get(r.nextInt(mails.size()));
        int p = r.nextInt(100);
        if (p < 15) {
            return lockstep("valid", commands(mail), r);
        }
        if (p < 25) {
            return Script.builder("pipelined").send(Script.concat(commands(mail))).expect(0);
        }
        if (p < 52) {
            byte[] mutated = Mutator.mutate(mail, 1 + (r.nextInt(4) == 0 ? r.nextInt(4) : 0), r, mails);
            return lockstep("data-mutated", commands(r.nextInt(3) > 0 ? crlf(mutated) : mutated), r);
        }
        if (p < 60) {
            List<byte[]> c = new ArrayList<>(commands(mail));
            int which = r.nextInt(4); // EHLO, MAIL, RCPT, DATA
            c.set(which, Mutator.mutate(c.get(which), 1 + r.nextInt(2), r, c));
            return lockstep("command-mutated", c, r);
        }
        if (p < 66) {
            List<byte[]> c = new ArrayList<>(commands(mail).subList(0, 4));
            switch (r.nextInt(3)) {
                case 0 -> Collections.shuffle(c, r);
                case 1 -> c.add(r.nextInt(c.size() + 1), c.get(r.nextInt(c.size())));
                default -> c.remove(r.nextInt(c.size()));
            }
            c.add(dataBlock(mail));
            return lockstep("out-of-order", c, r);
        }
        if (p < 70) {
            return Script.builder("random").send(Mutator.randomBytes(r, 1 + r.nextInt(4096))).expect(0);
        }
        if (p < 80) {
            return startTlsAt(r.nextInt(6), mail, r);
        }
        if (p < 85) {
            return Script.builder("bdat").send(bdat(mail, r)).expect(0);
        }
        if (p < 90) {
            byte[] all = Script.concat(commands(mail));
            return Script.builder("half-closed").send(java.util.Arrays.copyOf(all, r.nextInt(all.length)))
                    .halfClose().expect(0);
        }
        if (p < 95) {
            return Script.builder("slow").sendSlowly(Script.concat(commands(mail)), r, 1 + r.nextInt(128), 2000)
                    .expect(0);
        }
        return lockstep("oversized", oversized(mail, r), r);
    }

    /** EHLO, MAIL, RCPT, DATA, the dot-stuffed mail with its end, QUIT: one element per command. */
    private List<byte[]> commands(byte[] mail) {
        return List.of(Mutator.ascii("EHLO fuzz.example\r\n"), Mutator.ascii("MAIL FROM:<" + mailFrom + ">\r\n"),
                Mutator.ascii("RCPT TO:<" + rcptTo + ">\r\n"), Mutator.ascii("DATA\r\n"), dataBlock(mail),
                Mutator.ascii("QUIT\r\n"));
    }

    /** Each element written, then its reply awaited; sometimes the replies are awaited only at the end. */
    private static Script lockstep(String kind, List<byte[]> elements, Random r) {
        Script.Builder b = Script.builder(kind);
        boolean await = r.nextInt(4) > 0;
        for (byte[] e : elements) {
            b.send(e);
            if (await) {
                b.await();
            }
        }
        return b.expect(0);
    }

    /** STARTTLS after {@code step} commands (0: right after the greeting; 4: inside DATA, where it is data). */
    private Script startTlsAt(int step, byte[] mail, Random r) {
        List<byte[]> c = commands(mail);
        Script.Builder b = Script.builder("starttls-" + step);
        for (int i = 0; i < step; i++) {
            b.send(c.get(i)).await();
        }
        if (r.nextInt(4) == 0) {
            // pipelined after STARTTLS: the gateway must drop what came before the handshake (command injection)
            b.send(Script.concat(List.of(Mutator.ascii("STARTTLS\r\n"), c.get(1), c.get(2))));
        } else {
            b.send(Mutator.ascii("STARTTLS\r\n"));
        }
        b.startTls(r.nextInt(4) > 0);
        for (byte[] e : c) {
            b.send(e).await();
        }
        return b.expect(0);
    }

    private byte[] bdat(byte[] mail, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> c = commands(mail);
        out.writeBytes(c.get(0));
        out.writeBytes(c.get(1));
        out.writeBytes(c.get(2));
        int cut = r.nextInt(mail.length);
        int declared = cut + (r.nextInt(3) - 1);
        out.writeBytes(Mutator.ascii("BDAT " + Math.max(0, declared) + "\r\n"));
        out.write(mail, 0, cut);
        switch (r.nextInt(3)) {
            case 0 -> out.writeBytes(c.get(3)); // DATA after BDAT
            case 1 -> out.writeBytes(Mutator.ascii("BDAT " + (mail.length - cut) + " LAST\r\n"));
            default -> {
                out.writeBytes(c.get(3));
                out.writeBytes(Mutator.ascii("BDAT 10\r\n")); // BDAT inside DATA: data
            }
        }
        out.write(mail, cut, mail.length - cut);
        out.writeBytes(Mutator.ascii("\r\n.\r\n"));
        return out.toByteArray();
    }

    private List<byte[]> oversized(byte[] mail, Random r) {
        List<byte[]> c = new ArrayList<>(commands(mail));
        switch (r.nextInt(5)) {
            case 0 -> c.set(0, Mutator.ascii("EHLO " + "h".repeat(600 + r.nextInt(5000)) + "\r\n"));
            case 1 -> c.set(1, Mutator.ascii("MAIL FROM:<" + mailFrom + "> SIZE=" + (Long.MAX_VALUE - r.nextInt(9))
                    + "\r\n"));
            case 2 -> {
                StringBuilder many = new StringBuilder();
                for (int i = 0, n = 90 + r.nextInt(30); i < n; i++) {
                    many.append("RCPT TO:<").append(rcptTo).append(">\r\n");
                }
                c.set(2, Mutator.ascii(many.toString()));
            }
            case 3 -> c.set(4, dataBlock(Mutator.insert(mail, mail.length / 2,
                    Mutator.ascii("x".repeat(999 + r.nextInt(4000)) + "\r\n"))));
            default -> c.set(1, Mutator.ascii("MAIL FROM:<" + mailFrom + ">\r\nMAIL FROM:<" + mailFrom + ">\r\n"));
        }
        return c;
    }

    /** The mail dot-stuffed and ended with CRLF.CRLF. */
    static byte[] dataBlock(byte[] mail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length + 16);
        boolean lineStart = true;
        for (byte b : mail) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.writeBytes(Mutator.ascii("\r\n"));
        }
        out.writeBytes(Mutator.ascii(".\r\n"));
        return out.toByteArray();
    }

    /** Every bare CR or LF made CRLF, as a client's mail library would send it. */
    static byte[] crlf(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                out.writeBytes(Mutator.ascii("\r\n"));
                i++;
            } else if (b[i] == '\r' || b[i] == '\n') {
                out.writeBytes(Mutator.ascii("\r\n"));
            } else {
                out.write(b[i]);
            }
        }
        return out.toByteArray();
    }
}
