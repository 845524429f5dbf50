package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mmsguard.inspection.scan.ScanFailedException;
import io.mmsguard.testkit.FreePorts;

/** What crosses the socket, and how replies and failures are read, against a scripted fake clamd. */
class ClamdScannerProtocolTest {
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Accepts one connection, records the INSTREAM request, sends {@code reply} (null: say nothing). */
    private CompletableFuture<byte[]> fakeClamd(String reply) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                byte[] command = in.readNBytes(10);
                seen.write(command);
                if (new String(command, StandardCharsets.US_ASCII).equals("zINSTREAM\0")) {
                    int n;
                    do {
                        n = in.readInt();
                        seen.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                        seen.write(in.readNBytes(n));
                    } while (n > 0);
                }
                if (reply == null) {
                    Thread.sleep(3000);
                } else {
                    OutputStream out = s.getOutputStream();
                    out.write((reply + "\0").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                return seen.toByteArray();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private ClamdScanner client(int chunk) {
        return new ClamdScanner(new ClamdConfig(server.getLocalSocketAddress(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1 << 20, chunk));
    }

    @Test
    void sendsInstreamChunksWithBigEndianLengthsAndAZeroTerminator() throws Exception {
        CompletableFuture<byte[]> seen = fakeClamd("stream: OK");
        assertThat(client(4).scan("abcdefghij".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        expected.write(new byte[] {0, 0, 0, 4, 'a', 'b', 'c', 'd', 0, 0, 0, 4, 'e', 'f', 'g', 'h', 0, 0, 0, 2, 'i',
            'j', 0, 0, 0, 0});
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
    }

    @Test
    void foundReplyNamesTheVirus() throws Exception {
        fakeClamd("stream: Win.Test.EICAR_HDB-1 FOUND");
        assertThat(client(1024).scan(new byte[10])).contains("Win.Test.EICAR_HDB-1");
    }

    @Test
    void errorReplyFailsTheScan() throws Exception {
        fakeClamd("INSTREAM size limit exceeded. ERROR");
        assertThatThrownBy(() -> client(1024).scan(new byte[10])).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("size limit exceeded");
    }

    @Test
    void silentServerTimesOut() throws Exception {
        fakeClamd(null);
        ClamdScanner scanner = new ClamdScanner(new ClamdConfig(server.getLocalSocketAddress(),
                Duration.ofSeconds(2), Duration.ofMillis(200), 1 << 20, 1024));
        assertThatThrownBy(() -> scanner.scan(new byte[10])).isInstanceOf(ScanFailedException.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void nobodyListeningFailsTheScanAndThePing() {
        ClamdScanner scanner = new ClamdScanner(ClamdConfig.tcp("127.0.0.1", FreePorts.next()));
        assertThatThrownBy(() -> scanner.scan(new byte[10])).isInstanceOf(ScanFailedException.class);
        assertThat(scanner.ping()).isFalse();
        ClamdScanner unix = new ClamdScanner(ClamdConfig.unixSocket(java.nio.file.Path.of("/nonexistent/clamd.sock")));
        assertThatThrownBy(() -> unix.scan(new byte[10])).isInstanceOf(ScanFailedException.class);
    }

    @Test
    void interpretsReplies() {
        assertThat(ClamdScanner.interpret("stream: OK")).isEmpty();
        assertThat(ClamdScanner.interpret("stream: Eicar-Signature FOUND")).contains("Eicar-Signature");
        assertThatThrownBy(() -> ClamdScanner.interpret("stream: FOUND")).isInstanceOf(ScanFailedException.class);
        assertThatThrownBy(() -> ClamdScanner.interpret("UNKNOWN COMMAND")).isInstanceOf(ScanFailedException.class);
        assertThatThrownBy(() -> ClamdScanner.interpret("stream: lstat() failed ERROR"))
                .isInstanceOf(ScanFailedException.class);
    }
}
