package io.mmsguard.bench.pipeline;

import java.util.Properties;

import io.mmsguard.bench.gateway.PassingInspector;
import io.mmsguard.inspection.topology.ContractSerdes;
import org.apache.kafka.common.serialization.Serdes;
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

    static KafkaStreams create(ContractSerdes serdes, String inbound, String out, Properties streamsProps) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inbound, Consumed.with(Serdes.String(), serdes.envelope()))
                .mapValues(PassingInspector::pass)
                .selectKey((k, d) -> d.getSessionId())
                .to(out, Produced.with(Serdes.String(), serdes.decision()));
        return new KafkaStreams(builder.build(), streamsProps);
    }
}
