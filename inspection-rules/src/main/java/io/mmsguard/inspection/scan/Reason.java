package io.mmsguard.inspection.scan;

/** Why a verdict was reached; mirrors the Avro {@code Reason}. The content scans produce a subset of it. */
public enum Reason {
    NONE, ENDPOINT, OVERSIZE, FILE_FILTER, VIRUS, BANNED_WORDS, CHECKSUM, FLOOD, DUPLICATE, MALFORMED, SCANNER_FAILURE, UNPACK
}
