package io.mmsguard.inspection.av;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import io.mmsguard.testkit.clamav.PeFiles;

/**
 * A database with one signature the built-in engine skips (target type 1, PE only) and one it reads (any file), and
 * parts that carry their markers: for the routing tests, unit-level and through the topology.
 */
public final class RoutingSamples {
    public static final byte[] PE_ONLY_MARKER = "mmsguard-routing-marker-for-pe-only".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] ANY_FILE_MARKER =
            "mmsguard-any-file-marker-the-engine-reads".getBytes(StandardCharsets.US_ASCII);
    public static final String PE_ONLY = "Test.PeOnly";
    public static final String ANY_FILE = "Test.AnyFile";

    private RoutingSamples() {
    }

    /** Writes {@code t.ndb} with both signatures into {@code dir} (created). */
    public static Path database(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        HexFormat hex = HexFormat.of();
        Files.writeString(dir.resolve("t.ndb"), PE_ONLY + ":1:*:" + hex.formatHex(PE_ONLY_MARKER) + "\n"
                + ANY_FILE + ":0:*:" + hex.formatHex(ANY_FILE_MARKER) + "\n");
        return dir;
    }

    /** A PE file with {@code payload} inside its first section. */
    public static byte[] pe(byte[] payload) {
        byte[] code = new byte[0x400];
        System.arraycopy(payload, 0, code, 0x100, payload.length);
        return PeFiles.of(code, new byte[0x200]).build();
    }

    /** A JPEG (by its magic number) with {@code payload} inside. */
    public static byte[] jpeg(byte[] payload) {
        byte[] b = new byte[0x400];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        System.arraycopy(payload, 0, b, 0x100, payload.length);
        return b;
    }
}
