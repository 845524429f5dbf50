package io.mmsguard.inspection.av;

/** ClamAV's target types (the file types a signature applies to), named for skip reasons. */
final class TargetTypes {
    private static final String[] NAMES = {"any", "PE", "OLE2", "HTML", "mail", "graphics", "ELF",
        "normalised ASCII", "unused", "Mach-O", "PDF", "Flash", "Java class", "internal", "other"};

    private TargetTypes() {
    }

    /** "target type 3 (HTML)", or the number alone for types this list does not name. */
    static String reason(String target) {
        try {
            int t = Integer.parseInt(target);
            if (t >= 0 && t < NAMES.length) {
                return "target type " + t + " (" + NAMES[t] + ")";
            }
        } catch (NumberFormatException e) {
            // fall through: reported as written
        }
        return "target type " + target;
    }
}
