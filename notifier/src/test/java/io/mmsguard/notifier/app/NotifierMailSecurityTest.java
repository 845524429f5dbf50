package io.mmsguard.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.NotificationDelivery;
import io.mmsguard.avro.NotificationType;
import io.mmsguard.notifier.Notice;
import io.mmsguard.notifier.NoticeComposer;
import io.mmsguard.notifier.Recipients;
import io.mmsguard.notifier.Sample;
import io.mmsguard.notifier.delivery.SendResult;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.smtp.SmtpStub;
import io.mmsguard.testkit.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier's {@code notifier.delivery.smtp-*} TLS and AUTH keys reach its mail sender: parsed by NotifierConfig,
 * built as NotifierApp builds the sender, and checked on a real socket by an SMTP stub that requires STARTTLS and AUTH.
 */
class NotifierMailSecurityTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String PASSWORD = "notifier-smtp-secret";

    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private SmtpStub mmsc;

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (mmsc != null) {
            mmsc.close();
        }
    }

    private Map<String, String> settings(String tls) throws Exception {
        Map<String, String> m = new HashMap<>(Map.of("kafka.bootstrap.servers", "k:9092",
                "serde.schema.registry.url", "http://r:8081"));
        m.put("notifier.delivery.smtp-tls", tls);
        m.put("notifier.delivery.smtp-user", "notifier");
        m.put("notifier.delivery.smtp-password-file", Files.writeString(dir.resolve("smtp-password"), PASSWORD + "\n")
                .toString());
        return m;
    }

    @Test
    void theTlsAndAuthKeysReachTheMailSender() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        mmsc = SmtpStub.secured(new SmtpStub.Tls(TestPki.sslContext(pki.serverKeyStore("localhost", "dns:localhost"),
                pki.trustStore()), false, Map.of("notifier", PASSWORD), "PLAIN LOGIN"));
        Map<String, String> m = settings("required");
        m.put("notifier.delivery.smtp-trust-store", pki.trustStore().toString());
        m.put("notifier.delivery.smtp-trust-store-password", pki.password());
        NotifierConfig.Smtp smtp = NotifierConfig.from(Settings.of(m, NotifierConfig.KEYS)).delivery().smtp();

        NotificationDelivery d = NotificationDelivery.newBuilder().setMethod(MmsInterface.MM3)
                .setMmscUrl("smtp://localhost:" + mmsc.port()).setFromAddress("+4900000")
                .setUserDomain("mms.example").build();
        Notice n = new Notice(NotificationType.VIRUS, "p", MmsInterface.MM3, 42, T0, T0.plusSeconds(5),
                new Sample("+4917000001", "EICAR", null, null, null));
        NoticeComposer.Outgoing outgoing = NoticeComposer.compose(n, new Recipients.Recipient("+491701234567",
                Recipients.Kind.ADMIN), d, Optional.empty(), "p/MM3/VIRUS@1/+491701234567", T0);
        SendResult r = NotifierApp.mailSender(smtp, pool).send(outgoing, d).get(60, TimeUnit.SECONDS);

        assertThat(r.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
        SmtpStub.Received tx = mmsc.next();
        assertThat(tx.tls()).isTrue();
        assertThat(tx.authUser()).isEqualTo("notifier");
    }

    @Test
    void credentialsWithoutGuaranteedTlsDoNotStart() throws Exception {
        for (String tls : new String[] {"none", "opportunistic"}) {
            Map<String, String> m = settings(tls);
            assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m, NotifierConfig.KEYS)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("notifier.delivery.smtp-tls")
                    .hasMessageNotContaining(PASSWORD);
        }
        Map<String, String> m = settings("sometimes");
        assertThatThrownBy(() -> NotifierConfig.from(Settings.of(m, NotifierConfig.KEYS)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("notifier.delivery.smtp-tls");
    }
}
