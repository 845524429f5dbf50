package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;

/** One SMTP transaction for {@code send mm3} and {@code send mm4}, and the exit code of its final reply. */
final class SmtpSend {
    private static final String EHLO = "localhost";

    private SmtpSend() {
    }

    /**
     * @param hostPort {@code host:port} of the SMTP listener
     * @throws Unreachable when no connection could be made
     */
    static int send(PrintWriter out, String hostPort, String mailFrom, List<String> rcptTo, byte[] data,
                    Duration timeout) throws Unreachable {
        InetSocketAddress target = hostPort(hostPort);
        // A direct executor: the dialogue runs on this thread, there is nothing else to do meanwhile.
        SmtpReply reply = new SmtpClient(target, EHLO, timeout, timeout, Runnable::run)
                .send(mailFrom, rcptTo, data).join();
        // SmtpClient reports a failed connect as this synthetic reply rather than an exception.
        if (reply.code() == 451 && "4.4.1".equals(reply.enhanced())) {
            throw new Unreachable("cannot connect to " + hostPort);
        }
        out.printf("SMTP %d%s %s%n", reply.code(), reply.enhanced() == null ? "" : " " + reply.enhanced(),
                String.join(" / ", reply.lines()));
        return reply.code() / 100 == 2 ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    static InetSocketAddress hostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0) {
                return InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("--smtp must be host:port, not " + hostPort);
    }
}
