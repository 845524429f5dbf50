package io.mmsguard.deploy.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.schemas.config.ConfigStatus;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Writes planned changes as new audited versions, or nothing: the one way {@code config apply}, {@code config
 * rollback} and {@code mmsguard up} change a profile or an endpoint list.
 *
 * <p>Two operators cannot silently overwrite each other. Every writer uses the one transactional id
 * {@link AccessPlan#CONFIG_TRANSACTIONAL_ID}; initTransactions fences any other writer still open and completes or
 * aborts what it left. Then the compacted topics are read again (read_committed) and every record a change was based
 * on must still be the one on the topic, else nothing is written ({@link ExitCodes#CONFLICT}). A writer fenced
 * between that check and its commit loses its transaction and reports the same conflict.
 *
 * <p>Each record is stamped version = the version on the topic + 1 (1 when new), author, time and summary, and the
 * whole stamped record goes to the audit topic in the same transaction.
 */
public final class ConfigTransaction {

    /**
     * One record to write.
     *
     * @param content the record as it should be (its audit stamp is replaced)
     * @param base    the record on the topic the change was computed from; empty when it was absent
     * @param summary the change, for the audit: "added", the changed paths, "rollback to N"
     */
    public record Planned<T extends SpecificRecord>(T content, Optional<T> base, String summary) {
        public Planned {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(summary, "summary");
        }

        String kind() {
            return ConfigRecords.kind(content);
        }

        String name() {
            return ConfigRecords.name(content);
        }
    }

    /** A record written: its new version and the topic it went to. */
    public record Applied(String kind, String name, long version, String topic, String summary) {
        public String describe() {
            return ConfigRecords.label(kind) + " " + name + ": version " + version + " -> " + topic + " (" + summary
                    + ")";
        }
    }

    private final Connection connection;
    private final ConfigTopicNames topics;
    private final Author author;
    private final Clock clock;

    public ConfigTransaction(Connection connection, ConfigTopicNames topics, Author author, Clock clock) {
        this.connection = connection;
        this.topics = topics;
        this.author = author;
        this.clock = clock;
    }

    /** What the topic holds of {@code content}'s name, and what {@link #publish} did. */
    public record Published(Optional<Applied> applied, Optional<Audit> kept) {
    }

    /**
     * Writes {@code content} as a new version when the topic has no record of its name, or, with {@code replace},
     * when the record there has other content; otherwise leaves it and returns its stamp.
     */
    public Published publish(SpecificRecord content, boolean replace, String summary) {
        String kind = ConfigRecords.kind(content);
        String name = ConfigRecords.name(content);
        Optional<SpecificRecord> current = CurrentConfig.read(connection, topics).find(kind, name);
        if (current.isPresent() && (!replace || ConfigRecords.contentTree(current.get(), false)
                .equals(ConfigRecords.contentTree(content, false)))) {
            return new Published(Optional.empty(), current.map(ConfigRecords::audit));
        }
        List<Applied> applied = write(List.of(new Planned<>(content, current, summary)));
        return new Published(Optional.of(applied.get(0)), Optional.empty());
    }

    /** Writes every planned record in one transaction, or nothing; returns them in the order given. */
    public List<Applied> write(List<? extends Planned<?>> planned) {
        return write(planned, () -> { });
    }

    /** @param beforeCommit runs inside the open transaction, records sent: where tests start a rival apply */
    List<Applied> write(List<? extends Planned<?>> planned, Runnable beforeCommit) {
        if (planned.isEmpty()) {
            return List.of();
        }
        try (KafkaProducer<String, SpecificRecord> producer =
                     connection.transactionalProducer(AccessPlan.CONFIG_TRANSACTIONAL_ID)) {
            try {
                producer.initTransactions();
            } catch (TimeoutException e) {
                throw CliException.unreachable("cannot start a transaction on " + connection.bootstrapServers()
                        + " within " + Connection.TIMEOUT.toSeconds() + "s: " + e.getMessage(), e);
            }
            CurrentConfig now = CurrentConfig.read(connection, topics);
            conflict(planned, now).ifPresent(message -> {
                throw new CliException(ExitCodes.CONFLICT, message);
            });
            Instant at = clock.instant();
            List<Applied> applied = new ArrayList<>();
            try {
                producer.beginTransaction();
                for (Planned<?> p : planned) {
                    long version = ConfigRecords.version(now.find(p.kind(), p.name())) + 1;
                    Audit audit = Audit.newBuilder().setVersion(version).setUpdatedBy(author.name())
                            .setUpdatedAt(at).setChangeNote(p.summary()).build();
                    SpecificRecord record = ConfigRecords.stamped(p.content(), audit);
                    String topic = topics.of(p.kind());
                    producer.send(new ProducerRecord<>(topic, p.name(), record));
                    producer.send(new ProducerRecord<>(topics.audit(), p.kind() + "/" + p.name(),
                            auditRecord(p, record, version, at)));
                    applied.add(new Applied(p.kind(), p.name(), version, topic, p.summary()));
                }
                beforeCommit.run();
                producer.commitTransaction();
            } catch (KafkaException e) {
                if (fenced(e)) {
                    // The rival's initTransactions aborted this transaction; say what it changed, if it got so far.
                    throw new CliException(ExitCodes.CONFLICT, conflict(planned, CurrentConfig.read(connection,
                            topics)).orElse("conflict: another config apply or rollback started while this one was"
                            + " writing; nothing was written; re-run"), e);
                }
                abortQuietly(producer);
                throw new CliException(ExitCodes.FAILED, "writing the configuration failed, nothing was written: "
                        + e.getMessage(), e);
            }
            return applied;
        }
    }

    /** The first planned record whose base is no longer what is on the topic, as the operator's message. */
    static Optional<String> conflict(List<? extends Planned<?>> planned, CurrentConfig now) {
        for (Planned<?> p : planned) {
            Optional<SpecificRecord> current = now.find(p.kind(), p.name());
            if (current.equals(p.base().map(SpecificRecord.class::cast))) {
                continue;
            }
            String what = ConfigRecords.label(p.kind()) + " " + p.name();
            if (current.isEmpty()) {
                return Optional.of("conflict: " + what + " was deleted since you read it; re-run");
            }
            Audit a = ConfigRecords.audit(current.get());
            return Optional.of("conflict: " + what + " changed to version " + a.getVersion() + " by "
                    + (a.getUpdatedBy().isEmpty() ? "an unknown writer" : a.getUpdatedBy()) + " at "
                    + a.getUpdatedAt() + " since you read it; re-run");
        }
        return Optional.empty();
    }

    private ConfigAuditRecord auditRecord(Planned<?> p, SpecificRecord record, long version, Instant at) {
        ConfigAuditRecord.Builder b = ConfigAuditRecord.newBuilder().setKind(p.kind()).setName(p.name())
                .setVersion(version).setAuthor(author.name()).setAppliedAt(at).setSummary(p.summary());
        if (record instanceof MmsProfile profile) {
            b.setProfile(profile);
        } else {
            b.setEndpointList((EndpointList) record);
        }
        return b.build();
    }

    /** Fencing shows directly, or as the cause of a send or commit in the producer's error state. */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static void abortQuietly(KafkaProducer<?, ?> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // Closing the producer ends the transaction too; the broker aborts it after its timeout at the latest.
        }
    }
}
