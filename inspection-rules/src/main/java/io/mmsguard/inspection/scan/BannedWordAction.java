package io.mmsguard.inspection.scan;

/** BLOCK adds the pattern's score; EXEMPT lets the message through whatever the others score. Mirrors the Avro enum. */
public enum BannedWordAction {
    BLOCK, EXEMPT
}
