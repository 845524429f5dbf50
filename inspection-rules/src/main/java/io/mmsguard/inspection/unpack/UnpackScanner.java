package io.mmsguard.inspection.unpack;

import io.mmsguard.inspection.scan.ContentScanner;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanContext;
import io.mmsguard.inspection.scan.ScanFinding;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.ScanReport;
import io.mmsguard.inspection.scan.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks every zip and gzip part (told by its content, whatever it is called) and hands the members to the scanners
 * after it ({@link ScanReport#members()}): the file filter sees each member's own name and the type its content
 * shows, antivirus and the checksum list its bytes, banned words its text. It runs right after the oversize check,
 * before every scanner that reads parts.
 *
 * <p>An attachment it cannot unpack completely (encrypted, corrupt, over a limit: a bomb) is a finding about that
 * part with the profile's {@code unscannableAction}: BLOCK (reason UNPACK; removeBlocked strips only that part) or
 * PASS, a MATCH, with the members it did reach still scanned. Either way it is logged here; the topology counts it.
 * An archive unpacked completely is reported CLEAN with its member count.
 */
public final class UnpackScanner implements ContentScanner {

    private static final Logger LOG = LoggerFactory.getLogger(UnpackScanner.class);

    private final UnpackSettings settings;
    private final Unpacker unpacker;

    public UnpackScanner(UnpackSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.unpacker = new Unpacker(settings.limits());
    }

    @Override
    public Scanner id() {
        return Scanner.UNPACK;
    }

    @Override
    public boolean enabled(ScanContext context) {
        return settings.enabled();
    }

    /** The Avro {@code monitorOnly} doc names antivirus, file filter and banned words: an unscannable archive still blocks. */
    @Override
    public boolean monitorable() {
        return false;
    }

    @Override
    public ScanReport scan(ScanContext context) {
        List<ScanFinding> findings = new ArrayList<>();
        List<ScanPart> members = new ArrayList<>();
        long inflated = 0;
        for (ScanPart part : context.parts()) {
            if (!part.hasContent() || part.isMember()) {
                continue;
            }
            Unpacked unpacked = unpacker.unpack(part.name() != null ? part.name() : "part " + part.index(),
                    part.content(), inflated);
            if (unpacked.format() == PackedFormat.NONE) {
                continue;
            }
            inflated += unpacked.inflated();
            for (UnpackedMember m : unpacked.members()) {
                members.add(new ScanPart(part.index(), MemberType.of(m.content()), m.name(), null, m.content(),
                        m.path()));
            }
            if (unpacked.complete()) {
                findings.add(ScanFinding.clean(part.index(), unpacked.describe()));
                continue;
            }
            LOG.info("{} part {} cannot be unpacked completely: {}; {}", context.request().mmsInterface(),
                    part.index(), unpacked.describe(), settings.unscannableAction());
            findings.add(settings.unscannableAction() == UnpackAction.PASS
                    ? ScanFinding.match(part.index(), unpacked.describe() + "; passed, members past it unscanned")
                    : ScanFinding.block(Reason.UNPACK, part.index(), unpacked.describe()));
        }
        return ScanReport.of(findings).withMembers(members);
    }
}
