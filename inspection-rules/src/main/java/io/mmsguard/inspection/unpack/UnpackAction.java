package io.mmsguard.inspection.unpack;

/** What happens to an attachment that cannot be unpacked completely; mirrors the Avro {@code UnpackAction}. */
public enum UnpackAction {
    BLOCK, PASS
}
