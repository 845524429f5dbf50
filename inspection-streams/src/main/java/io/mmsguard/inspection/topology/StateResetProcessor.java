package io.mmsguard.inspection.topology;

import java.util.List;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an operator's {@link StateReset} to the threshold store of the stage that owns the key: the sender stage's
 * flood store (mms.state-resets is co-partitioned with mms.inbound) or the checksum stage's duplicate store (after the
 * resets-by-checksum repartition). Inside the stage's task, so the deletion goes to the changelog in the same
 * transaction as the reset's offset: exactly once, and kept across failover. Clears counts and block timer of the
 * key on one interface or on all of them; the next message of that key is counted from one.
 */
final class StateResetProcessor implements Processor<String, StateReset, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(StateResetProcessor.class);

    private final ThresholdKind kind;
    private final String storeName;
    private final InspectionMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private ThresholdStore store;

    StateResetProcessor(ThresholdKind kind, String storeName, InspectionMetrics metrics) {
        this.kind = kind;
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = new ThresholdStore(context.getStateStore(storeName), storeName, metrics);
    }

    @Override
    public void process(Record<String, StateReset> record) {
        StateReset reset = record.value();
        String problem = StateResetLogic.problem(kind, record.key(), reset, this::shown);
        if (problem != null) {
            LOG.warn("state reset at {} not applied: {}", where(), problem);
            metrics.reset(storeName, "rejected");
            return;
        }
        List<MmsInterface> cleared = StateResetLogic.clear(reset, store);
        metrics.reset(storeName, cleared.isEmpty() ? "empty" : "cleared");
        LOG.info("state reset applied: {} state of {} on {} {} (by {} at {}{})", kind.name().toLowerCase(),
                shown(reset.getKey()), reset.getMmsInterface() == null ? "every interface" : reset.getMmsInterface(),
                cleared.isEmpty() ? "had nothing to clear" : "cleared on " + cleared,
                LogSafe.text(reset.getAuthor()), reset.getRequestedAt(),
                reset.getReason() == null ? "" : ": " + LogSafe.text(reset.getReason()));
    }

    private String shown(String key) {
        return kind == ThresholdKind.FLOOD ? MsisdnLog.of(key) : LogSafe.text(String.valueOf(key));
    }

    private String where() {
        return context.recordMetadata().map(StateResetProcessor::describe).orElse("(unknown offset)");
    }

    private static String describe(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + "@" + m.offset();
    }
}
