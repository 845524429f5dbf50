package io.mmsguard.inspection.scan;

/**
 * What a matching file filter entry does; mirrors the Avro {@code FileFilterAction}. ALLOW stops the evaluation and
 * sends the part on to antivirus; INTERCEPT delivers and asks for a quarantine copy.
 */
public enum FileFilterAction {
    ALLOW, BLOCK, INTERCEPT
}
