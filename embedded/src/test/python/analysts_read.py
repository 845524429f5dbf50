#!/usr/bin/env python3
"""Reads mmsguard's topics as an analyst would with Debian's python3-confluent-kafka (docs/analytics.md).

Keys are plain UTF-8 strings (the sender, the session id, ...: docs/analytics.md, "Keys"); values are Avro in the
Confluent wire format. DeserializingConsumer takes a deserializer per side: StringDeserializer for the key and, for
the value, Confluent's registry-aware decoder. Debian bookworm packages confluent_kafka 1.7 but not fastavro, which
confluent_kafka.schema_registry.avro.AvroDeserializer needs, so the value side uses the client's older decoder
(MessageSerializer over CachedSchemaRegistryClient, built on python3-avro); where fastavro is installed,
AvroDeserializer(schema_registry_client) takes its place unchanged.

  read TOPIC...   every record up to the end of each partition, one JSON line per record:
                  {"topic", "partition", "offset", "key", "value": {the record's fields, bytes left out}}
  legacy TOPIC    the legacy AvroConsumer, which decodes keys as Avro too: prints the error it raises
"""
import argparse
import datetime
import json
import sys
import uuid

from confluent_kafka import DeserializingConsumer, KafkaError
from confluent_kafka.error import ConsumeError
from confluent_kafka.avro import AvroConsumer, CachedSchemaRegistryClient
from confluent_kafka.avro.serializer import SerializerError
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
from confluent_kafka.serialization import StringDeserializer


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not isinstance(v, (bytes, bytearray))}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def avro_value_deserializer(registry_url):
    decoder = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
    return lambda data, ctx: None if data is None else decoder.decode_message(data)


def read(args):
    consumer = DeserializingConsumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "analyst-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "key.deserializer": StringDeserializer("utf_8"),
        "value.deserializer": avro_value_deserializer(args.registry),
    })
    partitions = {}
    for topic in args.topics:
        metadata = consumer.list_topics(topic, timeout=30).topics[topic]
        if metadata.error is not None:
            print("topic %s: %s" % (topic, metadata.error), file=sys.stderr)
            return 2
        for p in metadata.partitions:
            partitions[(topic, p)] = False
    consumer.subscribe(list(args.topics))
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=args.timeout)
    try:
        while not all(partitions.values()):
            if datetime.datetime.now() > deadline:
                print("not at the end of %s within %ss" % (
                    [k for k, done in partitions.items() if not done], args.timeout), file=sys.stderr)
                return 1
            try:
                msg = consumer.poll(0.5)
            except ConsumeError as e:
                # DeserializingConsumer raises what Consumer returns as an error event, the end of a partition too.
                if e.code == KafkaError._PARTITION_EOF:
                    partitions[(e.kafka_message.topic(), e.kafka_message.partition())] = True
                    continue
                print("kafka error: %s" % e, file=sys.stderr)
                return 1
            if msg is None:
                continue
            print(json.dumps({"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset(),
                              "key": msg.key(), "value": plain(msg.value())}, sort_keys=True))
    finally:
        consumer.close()
    return 0


def legacy(args):
    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "analyst-legacy-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "schema.registry.url": args.registry,
    })
    consumer.subscribe(list(args.topics))
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=args.timeout)
    try:
        while datetime.datetime.now() < deadline:
            try:
                msg = consumer.poll(0.5)
            except SerializerError as e:
                print(json.dumps({"error": str(e)}))
                return 0
            if msg is not None and not msg.error():
                print(json.dumps({"decoded": msg.topic()}))
                return 0
    finally:
        consumer.close()
    print("no record within %ss" % args.timeout, file=sys.stderr)
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["read", "legacy"])
    parser.add_argument("topics", nargs="+")
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    return read(args) if args.command == "read" else legacy(args)


if __name__ == "__main__":
    sys.exit(main())
