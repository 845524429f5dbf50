package io.mmsguard.inspection.scan;

/**
 * One checksum list entry; mirrors the Avro {@code ChecksumEntry}.
 *
 * @param crc32 CRC32 of a part's decoded content, unsigned 32-bit (0 to 0xFFFFFFFF)
 */
public record ChecksumEntry(String name, long crc32, boolean enabled) {

    public String describe() {
        return name + " (crc32 " + String.format("%08x", crc32) + ")";
    }
}
