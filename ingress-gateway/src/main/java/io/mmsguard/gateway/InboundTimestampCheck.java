package io.mmsguard.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mmsguard.schemas.Topics;
import io.mmsguard.service.KafkaReachability;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether mms.inbound is {@code message.timestamp.type=LogAppendTime}, read from the brokers. On a CreateTime topic
 * (a deployment that created it before this was required) every envelope carries this gateway's own clock: the
 * topology then judges session expiry by it, and {@link io.mmsguard.gateway.session.ClockSkew} measures the clock
 * against itself and always finds it right. So the gateway says so, in its log and in its {@code clock} readiness
 * condition, until the topic is corrected (checked again every {@link #RECHECK}, no restart needed). A topic whose
 * config cannot be read (no DESCRIBE_CONFIGS permission, brokers away) is not held against the gateway: the check
 * cannot tell, and says so once in the log.
 */
final class InboundTimestampCheck implements AutoCloseable {
    static final Duration RECHECK = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(InboundTimestampCheck.class);

    private final Admin admin;
    private final String topic;
    private final ScheduledExecutorService timer;
    private volatile Optional<String> problem = Optional.empty();
    private volatile boolean unreadableLogged;

    private InboundTimestampCheck(Admin admin, String topic, ScheduledExecutorService timer) {
        this.admin = admin;
        this.topic = topic;
        this.timer = timer;
    }

    /** Checks once before returning (the gateway is not yet listening), then again until the topic is right. */
    static InboundTimestampCheck start(Map<String, ?> kafka, String clientId, String topic) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbound-timestamp-check");
            t.setDaemon(true);
            return t;
        });
        InboundTimestampCheck check = new InboundTimestampCheck(
                Admin.create(KafkaReachability.adminProperties(kafka, clientId)), topic, timer);
        if (!check.check()) {
            timer.scheduleWithFixedDelay(() -> {
                if (check.check()) {
                    timer.shutdown();
                }
            }, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
        return check;
    }

    /** Why the topic's timestamps cannot be trusted, if they cannot. */
    Optional<String> problem() {
        return problem;
    }

    /** @return whether the topic was found on LogAppendTime (nothing more to check) */
    private boolean check() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry type = config == null ? null : config.get(Topics.TIMESTAMP_TYPE);
            String value = type == null ? null : type.value();
            String wanted = Topics.inboundTopicConfigs().get(Topics.TIMESTAMP_TYPE);
            if (wanted.equals(value)) {
                if (problem.isPresent()) {
                    LOG.info("{} is {} now: its timestamps are the brokers' append time", topic, value);
                }
                problem = Optional.empty();
                return true;
            }
            String why = topic + " has " + Topics.TIMESTAMP_TYPE + "=" + value + ", not " + wanted
                    + ": session expiry follows this gateway's clock and the clock cannot be checked; set it with "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name " + topic + " --add-config "
                    + Topics.TIMESTAMP_TYPE + "=" + wanted + " (docs/configuration.md, \"Topics created by the embedded mode\")";
            if (problem.isEmpty()) {
                LOG.error(why);
            }
            problem = Optional.of(why);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            if (!unreadableLogged) {
                unreadableLogged = true;
                LOG.warn("cannot read the config of {} ({}): its timestamp type is not checked until it can be",
                        topic, e.toString());
            }
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
