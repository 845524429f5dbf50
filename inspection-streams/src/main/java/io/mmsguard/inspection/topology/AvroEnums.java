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
        return Enum.valueOf(avroType, java.name());
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
