package io.mmsguard.inspection.topology;

import java.util.List;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processors that feed the {@link RuleBook} from the compacted topics, on every instance. Kafka Streams
 * runs them for restored records as well ({@code addGlobalStore} reprocesses on restore), so a restarted instance
 * rebuilds the same catalog before it inspects anything. Each keeps, per key, whether the last record was applied
 * or why it was rejected, which the service's status endpoint reports.
 */
final class RulesUpdaters {
    private static final Logger LOG = LoggerFactory.getLogger(RulesUpdaters.class);

    private RulesUpdaters() {
    }

    static Processor<String, MmsProfile, Void, Void> profiles(RuleBook rules) {
        return new Updater<>(InspectionTopology.PROFILE_STATUS_STORE, rules::updateProfile);
    }

    static Processor<String, EndpointList, Void, Void> endpointLists(RuleBook rules) {
        return new Updater<>(InspectionTopology.ENDPOINT_LIST_STATUS_STORE, rules::updateEndpointList);
    }

    private interface Apply<V> {
        List<ValidationProblem> apply(String key, V value);
    }

    private static final class Updater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final Apply<V> apply;
        private KeyValueStore<String, String> status;

        Updater(String storeName, Apply<V> apply) {
            this.storeName = storeName;
            this.apply = apply;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            status = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                LOG.warn("{}: record without a key ignored", storeName);
                return;
            }
            List<ValidationProblem> problems = apply.apply(record.key(), record.value());
            if (record.value() == null && problems.isEmpty()) {
                status.delete(record.key());
            } else {
                status.put(record.key(), problems.isEmpty() ? "applied" : "rejected: " + problems);
            }
        }
    }
}
