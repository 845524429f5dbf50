package io.mmsguard.inspection.av;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mmsguard.inspection.scan.ScanFailedException;
import io.mmsguard.inspection.scan.VirusScanner;

/**
 * Scans content with a running clamd over its INSTREAM command: {@code zINSTREAM\0}, then chunks each prefixed by
 * their length as a 4-byte big-endian integer, then a zero length. clamd answers {@code stream: OK},
 * {@code stream: <name> FOUND} or {@code <reason> ERROR}, NUL-terminated. One connection per scan: clamd serves
 * each connection on its own thread and a fresh connection cannot carry state from an earlier failure.
 *
 * <p>Virus names are reported as clamd gives them; for signatures outside ClamAV's signed databases clamd appends
 * {@code .UNOFFICIAL} (e.g. {@code MmsGuard.Test.Eicar.UNOFFICIAL}).
 */
public final class ClamdScanner implements VirusScanner {
    private static final Logger LOG = LoggerFactory.getLogger(ClamdScanner.class);
    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final String FOUND = " FOUND";
    private static final String PREFIX = "stream: ";

    private final ClamdConfig config;

    public ClamdScanner(ClamdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Optional<String> scan(byte[] content) {
        Objects.requireNonNull(content, "content");
        // Checked before connecting: clamd would drop the stream at StreamMaxLength and we would learn it late.
        if (content.length > config.maxStreamBytes()) {
            throw new ScanFailedException("content of " + content.length + " bytes exceeds the clamd stream limit of "
                    + config.maxStreamBytes());
        }
        String reply;
        try (ClamdConnection c = ClamdConnection.open(config.address(), config.connectTimeout(),
                config.readTimeout())) {
            c.write(ByteBuffer.wrap(INSTREAM));
            ByteBuffer header = ByteBuffer.allocate(4);
            int offset = 0;
            while (offset < content.length) {
                int n = Math.min(config.chunkBytes(), content.length - offset);
                header.clear();
                header.putInt(n).flip();
                c.write(header);
                c.write(ByteBuffer.wrap(content, offset, n));
                offset += n;
                if (c.readable()) {
                    break; // clamd only talks early to refuse the stream (size limit); read why
                }
            }
            if (offset >= content.length) {
                c.write(ByteBuffer.allocate(4)); // the zero-length terminator
            }
            reply = c.readReply();
        } catch (IOException e) {
            throw new ScanFailedException("clamd scan via " + config.address() + " failed: " + e.getMessage(), e);
        }
        return interpret(reply);
    }

    static Optional<String> interpret(String reply) {
        if (reply.equals(PREFIX + "OK")) {
            return Optional.empty();
        }
        if (reply.startsWith(PREFIX) && reply.endsWith(FOUND) && reply.length() > PREFIX.length() + FOUND.length()) {
            String name = reply.substring(PREFIX.length(), reply.length() - FOUND.length()).trim();
            if (!name.isEmpty()) {
                return Optional.of(name);
            }
        }
        if (reply.endsWith("ERROR")) {
            throw new ScanFailedException("clamd error: " + reply);
        }
        throw new ScanFailedException("unexpected clamd reply: " + reply);
    }

    /** @return true when clamd answers PING with PONG within the timeouts */
    public boolean ping() {
        try (ClamdConnection c = ClamdConnection.open(config.address(), config.connectTimeout(),
                config.readTimeout())) {
            c.write(ByteBuffer.wrap(PING));
            return c.readReply().equals("PONG");
        } catch (IOException e) {
            LOG.debug("clamd PING via {} failed: {}", config.address(), e.toString());
            return false;
        }
    }
}
