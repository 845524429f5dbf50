package io.mmsguard.inspection.unpack;

/**
 * The media type of an archive member, told from its first bytes: a member has no Content-Type of its own, and its
 * name is whatever the sender wrote into the archive. What shows no known signature and has no NUL byte is text
 * (so banned words read it); anything else is {@code application/octet-stream}.
 */
final class MemberType {

    private record Magic(byte[] prefix, String type) {
    }

    private static final Magic[] SIGNATURES = {
        magic("application/x-msdownload", 'M', 'Z'),
        magic("application/x-executable", 0x7F, 'E', 'L', 'F'),
        magic("application/java-vm", 0xCA, 0xFE, 0xBA, 0xBE),
        magic("application/zip", 'P', 'K', 3, 4),
        magic("application/zip", 'P', 'K', 5, 6),
        magic("application/gzip", 0x1F, 0x8B),
        magic("application/vnd.rar", 'R', 'a', 'r', '!'),
        magic("application/x-7z-compressed", '7', 'z', 0xBC, 0xAF),
        magic("application/pdf", '%', 'P', 'D', 'F'),
        magic("application/x-ole-storage", 0xD0, 0xCF, 0x11, 0xE0),
        magic("image/png", 0x89, 'P', 'N', 'G'),
        magic("image/jpeg", 0xFF, 0xD8, 0xFF),
        magic("image/gif", 'G', 'I', 'F', '8'),
    };

    private MemberType() {
    }

    static String of(byte[] content) {
        for (Magic m : SIGNATURES) {
            if (startsWith(content, m.prefix())) {
                return m.type();
            }
        }
        for (byte b : content) {
            if (b == 0) {
                return "application/octet-stream";
            }
        }
        return "text/plain";
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Magic magic(String type, int... bytes) {
        byte[] prefix = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            prefix[i] = (byte) bytes[i];
        }
        return new Magic(prefix, type);
    }
}
