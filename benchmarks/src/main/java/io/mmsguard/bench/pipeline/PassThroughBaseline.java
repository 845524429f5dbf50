package io.mmsguard.bench.pipeline;

import java.util.Properties;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.bench.gateway.PassingInspector;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline: the same input, serdes, processing guarantee and commit interval, and one PASS decision per envelope
 * without any inspection. What it costs is Kafka, Avro and transactions; the topology's ratio to it is what
 * inspection adds.
 */
final class PassThroughBaseline {

    private PassThroughBaseline() {
    }

    static KafkaStreams create(ContractTopics contracts, String inbound, String out, Properties streamsProps) {
        Topic<String, MmsEnvelope> in = contracts.topic(Contracts.INBOUND, inbound);
        Topic<String, Decision> decisions = contracts.topic(Contracts.DECISIONS, out);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()))
                .mapValues(PassingInspector::pass)
                .selectKey((k, d) -> d.getSessionId())
                .to(decisions.name(), Produced.with(decisions.keySerde(), decisions.valueSerde()));
        return new KafkaStreams(builder.build(), streamsProps);
    }
}
