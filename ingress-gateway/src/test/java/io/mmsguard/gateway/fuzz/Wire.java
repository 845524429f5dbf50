package io.mmsguard.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.mmsguard.gateway.TrustAll;

/**
 * One fuzz connection on a plain socket, with the deadline the gateway must keep: every read waits at most until the
 * last byte written plus {@code budget} (the listener's configured deadlines plus slack); a read past it throws
 * {@link Hang}. A reset or a closed socket reads as the end of the stream: the gateway closed the connection.
 */
final class Wire implements AutoCloseable {
    /** The gateway neither answered nor closed within the connection's deadline. */
    static final class Hang extends Exception {
        Hang(String message) {
            super(message);
        }
    }

    private static final SSLContext TRUST_ALL = TrustAll.context();

    private final Duration budget;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long deadline;
    private boolean eof;
    private boolean outputShut;

    Wire(int port, Duration budget) throws IOException {
        this.budget = budget;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) budget.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
        deadline = System.nanoTime() + budget.toNanos();
    }

    /** Writes {@code bytes}; false when the gateway had already closed (or reset) the connection. */
    boolean write(byte[] bytes) {
        if (eof || outputShut) {
            return false;
        }
        try {
            out.write(bytes);
            out.flush();
            deadline = System.nanoTime() + budget.toNanos();
            return true;
        } catch (IOException e) {
            eof = true;
            return false;
        }
    }

    /** Half-closes: the client will send nothing more, and still reads. */
    void shutdownOutput() {
        try {
            if (!outputShut && !eof) {
                outputShut = true;
                socket.shutdownOutput();
                deadline = System.nanoTime() + budget.toNanos();
            }
        } catch (IOException e) {
            eof = true;
        }
    }

    /** The next byte, or -1 once the gateway closed the connection. */
    int read() throws Hang {
        if (eof) {
            return -1;
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Hang("neither answered nor closed within " + budget + " of the last byte sent");
            }
            try {
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                int b = in.read();
                if (b < 0) {
                    eof = true;
                }
                return b;
            } catch (SocketTimeoutException e) {
                // loop: the deadline decides
            } catch (IOException e) {
                eof = true;
                return -1;
            }
        }
    }

    /** A line without its line end (LF, CRLF), or null at the end of the stream. */
    String line() throws Hang {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads {@code n} bytes (fewer at the end of the stream). */
    void skip(long n) throws Hang {
        for (long i = 0; i < n && read() >= 0; i++) {
            // discarded
        }
    }

    /** Reads until the gateway closes. */
    void drain() throws Hang {
        while (read() >= 0) {
            // discarded
        }
    }

    boolean closed() {
        return eof;
    }

    /** Switches to TLS (after the gateway's 220 to STARTTLS), trusting whatever certificate it shows. */
    boolean startTls() throws Hang {
        try {
            SSLSocket tls = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(socket, "127.0.0.1",
                    socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout((int) budget.toMillis());
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            deadline = System.nanoTime() + budget.toNanos();
            return true;
        } catch (SocketTimeoutException e) {
            throw new Hang("TLS handshake not answered within " + budget);
        } catch (IOException e) {
            eof = true;
            return false;
        }
    }

    /** Closes with a reset: hundreds of thousands of connections must not leave the client's ports in TIME_WAIT. */
    @Override
    public void close() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
