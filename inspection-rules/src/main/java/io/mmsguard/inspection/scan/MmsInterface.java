package io.mmsguard.inspection.scan;

/** MMS reference point a message crossed; mirrors the Avro {@code MmsInterface} without its UNKNOWN reader default. */
public enum MmsInterface {
    MM1, MM3, MM4, MM7
}
