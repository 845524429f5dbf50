package io.mmsguard.gateway.mm3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.python.PythonScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip and gzip attachments through the MM3 listener, the real inspection topology (built-in antivirus, the default
 * profile with a file filter on {@code *.exe}) and the SMTP MMSC stub. The mails and their archives are written by
 * Python's email, zipfile and gzip (archive_mails.py; the encrypted zip by Info-ZIP), so nothing here comes from the
 * code that unpacks them. A member the scanners must see blocks the mail with 550 and nothing reaches the MMSC; the
 * clean archive is relayed byte for byte.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ArchiveEndToEndIntegrationTest {
    private static final String RCPT = "447700900456@mms.mnc010.mcc234.gprs";
    @TempDir
    static Path dir;
    private static SmtpTestServer mmsc;
    private static GatewayStack stack;
    private static ExecutorService executor;
    private static SmtpClient client;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        PythonScript.writeInto(ArchiveEndToEndIntegrationTest.class, "/unpack/archive_mails.py", dir.resolve("mails"));

        mmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.test", 32 << 20));
        stack = GatewayStack.start(kafka, registry, dir, "archivee2e", Map.of(
                "mm1.enabled", "false",
                "mm3.enabled", "true", "mm3.listen", "127.0.0.1:0",
                "mm3.upstream", "127.0.0.1:" + mmsc.port()));
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build())).build());
        executor = Executors.newFixedThreadPool(2);
        client = new SmtpClient(new InetSocketAddress("127.0.0.1", stack.gateway().port("mm3")), "client.test",
                Duration.ofSeconds(10), Duration.ofSeconds(60), executor);
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
        if (mmsc != null) {
            mmsc.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @BeforeEach
    void clear() {
        mmsc.received.clear();
    }

    private static byte[] mail(String name) throws Exception {
        Path file = dir.resolve("mails").resolve(name + ".eml");
        if (!Files.exists(file) && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("Info-ZIP's zip is required (MMSGUARD_REQUIRE_ORACLES=true) but missing");
        }
        Assumptions.assumeTrue(Files.exists(file), name + " not written (Info-ZIP's zip missing)");
        return Files.readAllBytes(file);
    }

    private static SmtpReply send(byte[] data) throws Exception {
        return client.send("alice@example.org", List.of(RCPT), data).get(90, TimeUnit.SECONDS);
    }

    private static void assertBlocked(String name, String... because) throws Exception {
        SmtpReply reply = send(mail(name));
        assertThat(reply.code()).as(name + ": " + reply).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo("5.7.1");
        assertThat(String.join(" ", reply.lines())).as(name).contains(because);
        // the gateway relays only after a PASS decision, so a refused mail is never on its way to the stub
        assertThat(mmsc.received).as(name + " reached the MMSC").isEmpty();
    }

    @Test
    void aCleanZipIsRelayedByteForByte() throws Exception {
        byte[] data = mail("clean-zip");
        SmtpReply reply = send(data);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
        assertThat(relayed).isNotNull();
        assertThat(relayed.data()).isEqualTo(data);
        assertThat(relayed.rcptTo()).containsExactly(RCPT);
    }

    @Test
    void aZipWithAnEicarMemberIsBlockedAsAVirus() throws Exception {
        assertBlocked("eicar-zip", "virus MmsGuard.Test.Eicar", "tools.zip!/bin/eicar.com");
    }

    @Test
    void aZipWithAnExeMemberIsBlockedByTheFileFilter() throws Exception {
        assertBlocked("exe-zip", "not allowed", "documents.zip!/x.exe");
    }

    @Test
    void aGzipOfEicarIsBlockedAsAVirus() throws Exception {
        assertBlocked("eicar-gz", "virus MmsGuard.Test.Eicar", "data.gz!/eicar.com");
    }

    @Test
    void aZipBombIsBlocked() throws Exception {
        assertBlocked("bomb-zip", "could not be unpacked", "small.zip");
    }

    @Test
    void anEncryptedZipIsBlockedByDefault() throws Exception {
        assertBlocked("encrypted-zip", "could not be unpacked", "secret.zip");
    }
}
