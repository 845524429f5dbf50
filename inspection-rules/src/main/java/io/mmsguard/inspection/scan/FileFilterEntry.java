package io.mmsguard.inspection.scan;

/** One file filter entry; mirrors the Avro {@code FileFilterEntry}. */
public record FileFilterEntry(String pattern, FileFilterMatch matchOn, PatternType patternType,
                              FileFilterAction action, boolean enabled) {

    /** What a log line or "explain" shows for a match. */
    public String describe() {
        return (matchOn == FileFilterMatch.FILE_NAME ? "file name " : "content type ") + pattern
                + " (" + patternType + ", " + action + ")";
    }
}
