#!/usr/bin/env python3
"""Confluent's own Python Avro serde (confluent_kafka.avro, Debian's python3-confluent-kafka) as an
independent reader and writer of mmsguard's Confluent-wire-format topics.

Records cross the process boundary as JSON lines in a plain mapping that both sides can produce without
Avro: unions unwrapped, bytes as base64, timestamp-millis as epoch milliseconds, enums as symbol strings.

  consume: read COUNT values of TOPIC from the beginning (keys as UTF-8 strings), print one JSON line per value.
  produce: register SCHEMA_FILE under TOPIC-value and write each JSON line of RECORDS_FILE.
"""
import argparse
import base64
import datetime
import json
import sys
import uuid

import avro.schema
from confluent_kafka import Consumer
from confluent_kafka.avro import AvroProducer, CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_plain(value):
    """Python values as confluent_kafka.avro decodes them -> plain JSON values."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    return value


def from_plain(schema, value):
    """Plain JSON values -> the Python values avro's DatumWriter expects for SCHEMA."""
    t = schema.type
    if t == "union":
        if value is None:
            return None
        for branch in schema.schemas:
            if branch.type == "null":
                continue
            try:
                return from_plain(branch, value)
            except (TypeError, ValueError, KeyError, AttributeError):
                continue
        raise ValueError("no union branch fits %r" % (value,))
    if t == "record":
        if not isinstance(value, dict):
            raise TypeError("record expects an object")
        return {f.name: from_plain(f.type, value.get(f.name)) for f in schema.fields}
    if t == "array":
        return [from_plain(schema.items, v) for v in value]
    if t == "map":
        return {k: from_plain(schema.values, v) for k, v in value.items()}
    if t in ("bytes", "fixed"):
        if not isinstance(value, str):
            raise TypeError("bytes expect base64 text")
        return base64.b64decode(value)
    if t == "long" and getattr(schema, "logical_type", None) == "timestamp-millis":
        return EPOCH + datetime.timedelta(milliseconds=int(value))
    if t in ("int", "long") and not isinstance(value, int):
        raise TypeError("number expected")
    if t in ("string", "enum") and not isinstance(value, str):
        raise TypeError("text expected")
    return value


def consume(args):
    # mmsguard keys are plain strings (the sender): only values are Avro, as for an analyst's console consumer.
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "confluent-oracle-" + uuid.uuid4().hex,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": args.registry}))
    consumer.subscribe([args.topic])
    seen = 0
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=args.timeout)
    try:
        while seen < args.count and datetime.datetime.now() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                print("kafka error: %s" % msg.error(), file=sys.stderr)
                continue
            key = msg.key().decode("utf-8") if msg.key() is not None else None
            value = serializer.decode_message(msg.value())
            print(json.dumps({"key": key, "value": to_plain(value)}, sort_keys=True))
            seen += 1
    finally:
        consumer.close()
    if seen < args.count:
        print("only %d of %d records within %ss" % (seen, args.count, args.timeout), file=sys.stderr)
        return 1
    return 0


def produce(args):
    with open(args.schema_file, encoding="utf-8") as f:
        schema = avro.schema.parse(f.read())
    producer = AvroProducer({
        "bootstrap.servers": args.bootstrap,
        "schema.registry.url": args.registry,
        "enable.idempotence": True,
    }, default_value_schema=schema)
    count = 0
    with open(args.records_file, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            producer.produce(topic=args.topic, value=from_plain(schema, record))
            count += 1
    left = producer.flush(30)
    if left:
        print("%d records not delivered" % left, file=sys.stderr)
        return 1
    print("produced %d" % count)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["consume", "produce"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--schema-file")
    parser.add_argument("--records-file")
    args = parser.parse_args()
    return consume(args) if args.mode == "consume" else produce(args)


if __name__ == "__main__":
    sys.exit(main())
