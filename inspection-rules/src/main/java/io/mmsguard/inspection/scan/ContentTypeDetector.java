package io.mmsguard.inspection.scan;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The media type of a part told from its first bytes (magic numbers), whatever the sender declared: a part declared
 * {@code text/plain} or {@code image/jpeg} that starts with {@code MZ} is a Windows executable to the file filter.
 * Covers the common executable (PE, ELF, Mach-O, Java class, shebang scripts), archive (zip and the zip-based
 * jar/apk/OOXML, gzip, rar, 7z), image (jpeg, png, gif) and document (pdf, OLE compound files) types. Pure and
 * thread-safe; reads at most the first {@link #PROBE_BYTES} bytes, so it costs the same for any size of part.
 */
public final class ContentTypeDetector {

    /** What kind of content a detected type is, for the log and for callers that care about families. */
    public enum Family {
        EXECUTABLE, ARCHIVE, IMAGE, DOCUMENT
    }

    /** @param mediaType the media type the file filter's CONTENT_TYPE entries are matched against */
    public record Detected(String mediaType, Family family) {
    }

    /** Enough to find the first local file names of a zip (OOXML, jar and apk name their marker entries early). */
    static final int PROBE_BYTES = 4096;

    public static final String PE = "application/x-msdownload";
    public static final String ELF = "application/x-executable";
    public static final String MACH_O = "application/x-mach-binary";
    public static final String JAVA_CLASS = "application/java-vm";
    public static final String SCRIPT = "text/x-shellscript";
    public static final String ZIP = "application/zip";
    public static final String JAR = "application/java-archive";
    public static final String APK = "application/vnd.android.package-archive";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String GZIP = "application/gzip";
    public static final String RAR = "application/vnd.rar";
    public static final String SEVEN_Z = "application/x-7z-compressed";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String GIF = "image/gif";
    public static final String PDF = "application/pdf";
    public static final String OLE = "application/x-ole-storage";

    /** @return the type the content's magic number names, or empty for content without a known signature */
    public Optional<Detected> detect(byte[] content) {
        if (content == null || content.length < 2) {
            return Optional.empty();
        }
        byte[] c = content;
        if (starts(c, 'M', 'Z')) {
            return found(PE, Family.EXECUTABLE);
        }
        if (starts(c, 0x7F, 'E', 'L', 'F')) {
            return found(ELF, Family.EXECUTABLE);
        }
        if (starts(c, 0xFE, 0xED, 0xFA, 0xCE) || starts(c, 0xFE, 0xED, 0xFA, 0xCF)
                || starts(c, 0xCE, 0xFA, 0xED, 0xFE) || starts(c, 0xCF, 0xFA, 0xED, 0xFE)) {
            return found(MACH_O, Family.EXECUTABLE);
        }
        if (starts(c, 0xCA, 0xFE, 0xBA, 0xBE) && c.length >= 8) {
            // the same magic for a universal Mach-O (a small architecture count) and a Java class (version >= 45)
            int next = ((c[4] & 0xFF) << 24) | ((c[5] & 0xFF) << 16) | ((c[6] & 0xFF) << 8) | (c[7] & 0xFF);
            return found(next > 0 && next < 40 ? MACH_O : JAVA_CLASS, Family.EXECUTABLE);
        }
        if (starts(c, '#', '!')) {
            return found(SCRIPT, Family.EXECUTABLE);
        }
        if (starts(c, 'P', 'K', 3, 4) || starts(c, 'P', 'K', 5, 6) || starts(c, 'P', 'K', 7, 8)) {
            return found(zipKind(c), Family.ARCHIVE);
        }
        if (starts(c, 0x1F, 0x8B)) {
            return found(GZIP, Family.ARCHIVE);
        }
        if (starts(c, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return found(RAR, Family.ARCHIVE);
        }
        if (starts(c, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return found(SEVEN_Z, Family.ARCHIVE);
        }
        if (starts(c, 0xFF, 0xD8, 0xFF)) {
            return found(JPEG, Family.IMAGE);
        }
        if (starts(c, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return found(PNG, Family.IMAGE);
        }
        if (starts(c, 'G', 'I', 'F', '8', '7', 'a') || starts(c, 'G', 'I', 'F', '8', '9', 'a')) {
            return found(GIF, Family.IMAGE);
        }
        if (starts(c, '%', 'P', 'D', 'F', '-')) {
            return found(PDF, Family.DOCUMENT);
        }
        if (starts(c, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return found(OLE, Family.DOCUMENT);
        }
        return Optional.empty();
    }

    /** Zip-based formats name a marker entry among their first local headers; a plain zip has none of them. */
    private static String zipKind(byte[] c) {
        String head = new String(c, 0, Math.min(c.length, PROBE_BYTES), StandardCharsets.ISO_8859_1);
        if (head.contains("AndroidManifest.xml") || head.contains("classes.dex")) {
            return APK;
        }
        if (head.contains("META-INF/MANIFEST.MF")) {
            return JAR;
        }
        if (head.contains("[Content_Types].xml") || head.contains("_rels/.rels")) {
            return head.contains("word/") ? DOCX : head.contains("xl/") ? XLSX : head.contains("ppt/") ? PPTX : ZIP;
        }
        return ZIP;
    }

    private static boolean starts(byte[] c, int... magic) {
        if (c.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((c[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Detected> found(String type, Family family) {
        return Optional.of(new Detected(type, family));
    }
}
