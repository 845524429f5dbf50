package io.mmsguard.inspection.unpack;

/**
 * The archive formats unpacked, told by their first bytes and never by a file name or declared content type (which
 * the sender chooses).
 */
public enum PackedFormat {
    NONE, ZIP, GZIP;

    public static PackedFormat of(byte[] content) {
        if (content.length >= 4 && content[0] == 'P' && content[1] == 'K'
                && ((content[2] == 3 && content[3] == 4) || (content[2] == 5 && content[3] == 6))) {
            return ZIP;
        }
        if (content.length >= 2 && (content[0] & 0xFF) == 0x1F && (content[1] & 0xFF) == 0x8B) {
            return GZIP;
        }
        return NONE;
    }
}
