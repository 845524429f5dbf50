package io.mmsguard.inspection.topology;

/**
 * Maps the plain Java enums to the Avro enums of the same names and back. Every Avro enum has an extra {@code UNKNOWN}
 * that an older reader sees for a symbol a newer writer added; no Java value means that, so reading it fails loudly
 * instead of guessing (a guess could turn a block into a pass).
 */
final class AvroEnums {

    private AvroEnums() {
    }

    static <A extends Enum<A>> A toAvro(Enum<?> java, Class<A> avroType) {
        return toAvro(java.name(), avroType);
    }

    /** The Avro symbol of an open Java name ({@link io.mmsguard.inspection.scan.Scanner}). */
    static <A extends Enum<A>> A toAvro(String name, Class<A> avroType) {
        try {
            return Enum.valueOf(avroType, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(avroType.getName() + " has no symbol " + name
                    + " (add it at the end of the Avro enum, as a new schema version)", e);
        }
    }

    /** The open Java name of an Avro symbol; UNKNOWN fails as {@link #toJava} does. */
    static String toName(Enum<?> avro) {
        if (avro.name().equals("UNKNOWN")) {
            throw new IllegalArgumentException("no name for " + avro.getDeclaringClass().getName()
                    + ".UNKNOWN (a symbol newer than this reader's schema?)");
        }
        return avro.name();
    }

    static <J extends Enum<J>> J toJava(Enum<?> avro, Class<J> javaType) {
        try {
            return Enum.valueOf(javaType, avro.name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no " + javaType.getSimpleName() + " for " + avro.getDeclaringClass()
                    .getName() + "." + avro.name() + " (a symbol newer than this reader's schema?)", e);
        }
    }
}
