package io.mmsguard.bench.load;

/** The interfaces the load generator drives. */
enum Iface {
    MM1, MM4, MM7;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
