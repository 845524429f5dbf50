package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.Reason;
import io.mmsguard.inspection.scan.MemberEvidence;
import io.mmsguard.inspection.scan.ScanResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The values of the replacement-message fields for one decision. A field without a value is empty rather than
 * missing, so that "%virus%" in a text used for a non-virus block does not show up literally.
 */
final class TemplateFields {

    private TemplateFields() {
    }

    static Map<String, String> of(Inspection in, Finding f) {
        Map<String, String> v = new HashMap<>();
        v.put("sender", in.envelope().getSender());
        v.put("recipient", in.envelope().getRecipients().stream().map(Recipient::getAddress)
                .collect(Collectors.joining(", ")));
        v.put("virus", f.reason() == Reason.VIRUS && f.detail() != null ? MemberEvidence.finding(f.detail()) : "");
        v.put("file", file(in, f));
        v.put("reason", label(f.reason()));
        v.put("threshold", f.threshold() == null ? "" : f.threshold().getKind().name().toLowerCase(Locale.ROOT)
                + " threshold " + f.threshold().getIndex());
        v.put("profile", in.profile().name());
        return v;
    }

    private static String file(Inspection in, Finding f) {
        List<io.mmsguard.avro.MmsPart> parts = in.envelope().getParts();
        Optional<ScanResult> r = Finding.partResult(in.content(), f.reason());
        if (r.isPresent()) {
            // an archive member by its path (a.zip!/x.exe), since that is what was not allowed
            return MemberEvidence.path(r.get().detail()).orElseGet(() -> Finding.partName(parts, r.get().partIndex()));
        }
        return f.partsToStrip().isEmpty() ? "" : Finding.partName(parts, f.partsToStrip().get(0));
    }

    static String label(Reason reason) {
        return switch (reason) {
            case FILE_FILTER -> "blocked file type";
            case BANNED_WORDS -> "banned content";
            case ENDPOINT -> "blocked address";
            case SCANNER_FAILURE -> "scanner failure";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }
}
