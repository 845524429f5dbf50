package io.mmsguard.inspection.scan;

/** One inspection step, in the order the topology runs them; mirrors the Avro {@code Scanner}. */
public enum Scanner {
    ENDPOINT_FILTER, OVERSIZE, FILE_FILTER, ANTIVIRUS, BANNED_WORDS, CHECKSUM, FLOOD, DUPLICATE
}
