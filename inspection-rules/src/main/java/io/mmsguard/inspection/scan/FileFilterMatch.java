package io.mmsguard.inspection.scan;

/** What a file filter pattern is matched against; mirrors the Avro {@code FileFilterMatch}. */
public enum FileFilterMatch {
    FILE_NAME, CONTENT_TYPE
}
