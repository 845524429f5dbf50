package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Checksum list (A5, FortiCarrier 1.10): the CRC32 of each part's decoded content, not of the whole message, since
 * FortiOS lists "CRC32 of an MMS attachment". A part whose content is not inline uses the gateway's CRC32.
 */
public final class ChecksumScanner implements PartScanner {

    private final Map<Long, ChecksumEntry> byCrc32 = new HashMap<>();

    public ChecksumScanner(List<ChecksumEntry> entries) {
        for (ChecksumEntry e : entries) {
            if (e.enabled()) {
                byCrc32.putIfAbsent(e.crc32(), e);
            }
        }
    }

    @Override
    public Scanner id() {
        return Scanner.CHECKSUM;
    }

    @Override
    public boolean enabled(ScanContext context) {
        return context.settings().checksum();
    }

    /** The Avro {@code monitorOnly} doc names antivirus, file filter and banned words: a listed part still blocks. */
    @Override
    public boolean monitorable() {
        return false;
    }

    @Override
    public Optional<ScanFinding> scanPart(ScanPart part, ScanContext context) {
        return match(part, context.request().partCrc32())
                .map(e -> ScanFinding.block(Reason.CHECKSUM, part.index(), e.describe()));
    }

    public static long crc32(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    /** @return the listed entry, or empty when the part is not listed or its CRC32 is unknown */
    public Optional<ChecksumEntry> match(ScanPart part, Map<Integer, Long> partCrc32) {
        Long crc = part.hasContent() ? Long.valueOf(crc32(part.content())) : partCrc32.get(part.index());
        return crc == null ? Optional.empty() : Optional.ofNullable(byCrc32.get(crc));
    }

    public static List<ValidationProblem> validate(List<ChecksumEntry> entries) {
        List<ValidationProblem> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ChecksumEntry e = entries.get(i);
            if (e.name() == null || e.name().isBlank()) {
                problems.add(new ValidationProblem("checksums[" + i + "].name", "must not be empty"));
            }
            if (e.crc32() < 0 || e.crc32() > 0xFFFF_FFFFL) {
                problems.add(new ValidationProblem("checksums[" + i + "].crc32", "must be an unsigned 32-bit value, was "
                        + e.crc32()));
            }
        }
        return problems;
    }
}
