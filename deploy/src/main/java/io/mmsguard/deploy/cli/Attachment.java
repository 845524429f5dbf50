package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.mmsguard.schemas.MessageSize;

/**
 * A file to attach: its bytes (read with a size limit, so that a mistyped path to a disk image fails at once
 * instead of exhausting the heap), its name and its media type.
 */
record Attachment(String fileName, String contentType, byte[] data) {
    /** The most content a gateway inspects in one message: a larger file could never pass. */
    static final long MAX_BYTES = MessageSize.MAX_CONTENT_BYTES;

    /** What a handset or mail client would label the common MMS media with. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"),
            Map.entry("wbmp", "image/vnd.wap.wbmp"), Map.entry("amr", "audio/amr"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("mid", "audio/midi"), Map.entry("3gp", "video/3gpp"), Map.entry("mp4", "video/mp4"),
            Map.entry("smil", "application/smil"), Map.entry("smi", "application/smil"),
            Map.entry("vcf", "text/x-vcard"), Map.entry("vcs", "text/x-vcalendar"), Map.entry("pdf", "application/pdf"),
            Map.entry("html", "text/html"), Map.entry("zip", "application/zip"));

    /**
     * @param contentType the user's type, or null to guess from the extension ({@code application/octet-stream}
     *                    when unknown)
     * @throws IllegalArgumentException when the file is missing, unreadable or larger than {@link #MAX_BYTES}
     */
    static Attachment read(Path file, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--attach " + file + ": no such file");
        }
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("--attach " + file + ": " + e.getMessage());
        }
        if (data.length > MAX_BYTES) {
            throw new IllegalArgumentException("--attach " + file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        String name = file.getFileName().toString();
        return new Attachment(name, contentType != null ? contentType : guess(name), data);
    }

    static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
