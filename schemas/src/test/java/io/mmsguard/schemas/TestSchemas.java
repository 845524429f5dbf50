package io.mmsguard.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Small schemas for registry and serde tests, versioned so that tests can evolve them. */
public final class TestSchemas {
    private TestSchemas() {
    }

    /** v1 of a probe record: id and text. */
    public static Schema probeV1(String name) {
        return SchemaBuilder.record(name).namespace("io.mmsguard.test").fields()
                .requiredString("id")
                .requiredString("text")
                .endRecord();
    }

    /** v2 adds a field with a default: BACKWARD compatible with v1. */
    public static Schema probeV2(String name) {
        return SchemaBuilder.record(name).namespace("io.mmsguard.test").fields()
                .requiredString("id")
                .requiredString("text")
                .name("count").type().intType().intDefault(7)
                .endRecord();
    }

    /** Adds a field without a default: new readers cannot read v1 data, so it is NOT backward compatible. */
    public static Schema probeIncompatible(String name) {
        return SchemaBuilder.record(name).namespace("io.mmsguard.test").fields()
                .requiredString("id")
                .requiredString("text")
                .requiredLong("mandatory")
                .endRecord();
    }
}
