package io.mmsguard.inspection.av;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to clamd. Non-blocking channel plus selector for both TCP and unix sockets: a blocking
 * {@link SocketChannel} has no read timeout, and unix-domain channels have no {@code Socket} adaptor that would
 * give one.
 */
final class ClamdConnection implements AutoCloseable {
    /** clamd replies are one short line; anything longer is not clamd. */
    private static final int MAX_REPLY = 4096;

    private final SocketChannel channel;
    private final Selector selector;
    private final long readTimeoutMillis;

    private ClamdConnection(SocketChannel channel, Selector selector, long readTimeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    static ClamdConnection open(SocketAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            if (!channel.connect(address)) {
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(connectTimeout.toMillis()) == 0) {
                    throw new SocketTimeoutException("connect to " + address + " timed out after " + connectTimeout);
                }
                channel.finishConnect();
                key.cancel();
                selector.selectNow(); // flush the cancelled key before the channel registers again
            }
            return new ClamdConnection(channel, selector, readTimeout.toMillis());
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, "sending to clamd");
            }
        }
    }

    /** Reads one NUL-terminated reply (the {@code z} command form) or up to end of stream. */
    String readReply() throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, "waiting for clamd's reply");
                continue;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == 0) {
                    return reply.toString(StandardCharsets.US_ASCII).trim();
                }
                reply.write(b);
            }
            if (reply.size() > MAX_REPLY) {
                throw new IOException("clamd reply longer than " + MAX_REPLY + " bytes");
            }
        }
        if (reply.size() == 0) {
            throw new IOException("clamd closed the connection without a reply");
        }
        return reply.toString(StandardCharsets.US_ASCII).trim();
    }

    /** @return whether clamd has already sent something (e.g. an early size-limit ERROR) */
    boolean readable() throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        try {
            return selector.selectNow() > 0;
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    private void await(int op, String what) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            if (selector.select(readTimeoutMillis) == 0) {
                throw new SocketTimeoutException(what + " timed out after " + readTimeoutMillis + " ms");
            }
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
