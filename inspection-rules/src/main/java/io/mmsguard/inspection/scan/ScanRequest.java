package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the content scans look at: the scan-relevant subset of the Avro {@code MmsEnvelope}.
 *
 * @param subject      decoded subject, or null
 * @param parts        leaf parts in document order
 * @param originalSize size in bytes of the message as received; the oversize limit applies to it
 * @param mmsInterface interface the message arrived on; selects the {@link ScanSettings}
 * @param partCrc32    CRC32 by part index as the gateway computed it (Avro {@code MmsPart.crc32}), so that parts whose
 *                     content is not inline can still be checked against the checksum list; may be empty
 */
public record ScanRequest(String subject, List<ScanPart> parts, long originalSize, MmsInterface mmsInterface,
                          Map<Integer, Long> partCrc32) {

    public ScanRequest {
        parts = List.copyOf(parts);
        Objects.requireNonNull(mmsInterface, "mmsInterface");
        partCrc32 = Map.copyOf(partCrc32);
    }

    public ScanRequest(String subject, List<ScanPart> parts, long originalSize, MmsInterface mmsInterface) {
        this(subject, parts, originalSize, mmsInterface, Map.of());
    }
}
