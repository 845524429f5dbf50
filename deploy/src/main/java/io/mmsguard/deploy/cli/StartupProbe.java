package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mmsguard.service.KafkaReachability;
import io.mmsguard.service.log.UserInfo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Checks that Kafka and the schema registry answer before a service starts: the services themselves would retry
 * for minutes and log stack traces, where an operator starting one by hand wants one clear line.
 */
final class StartupProbe {
    private final Duration timeout;

    StartupProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A describeCluster with the service's own client settings (security settings included).
     *
     * @param kafka the service's {@code kafka.*} settings without the prefix
     */
    void kafka(Map<String, String> kafka) throws Unreachable, InterruptedException {
        String bootstrap = kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> props = KafkaReachability.adminProperties(kafka, "mmsguard-startup-probe");
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new Unreachable("Kafka at " + bootstrap + ": " + e.getMessage());
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unreachable("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Unreachable("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                    + " s: " + e.getCause().getMessage());
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * A GET of {@code /subjects} under each of the comma-separated registry URLs until one answers 200, with
     * the basic-auth user info of {@code basic.auth.credentials.source=USER_INFO} when configured.
     *
     * @param serde the service's {@code serde.*} settings without the prefix
     */
    void registry(Map<String, String> serde) throws Unreachable, InterruptedException {
        String urls = serde.get("schema.registry.url");
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        String last = "no URL";
        for (String base : urls.split(",")) {
            String url = base.trim().replaceAll("/+$", "") + "/subjects";
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
                userInfo(serde).ifPresent(info -> b.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8))));
                int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                last = "GET " + UserInfo.mask(url) + " answered HTTP " + status;
            } catch (IOException | IllegalArgumentException e) {
                last = "GET " + UserInfo.mask(url) + " failed: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : UserInfo.mask(e.getMessage()));
            }
        }
        throw new Unreachable("schema registry unreachable: " + last);
    }

    private static Optional<String> userInfo(Map<String, String> serde) {
        if (!"USER_INFO".equalsIgnoreCase(serde.getOrDefault("basic.auth.credentials.source", "URL"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(serde.getOrDefault("basic.auth.user.info",
                serde.get("schema.registry.basic.auth.user.info")));
    }
}
