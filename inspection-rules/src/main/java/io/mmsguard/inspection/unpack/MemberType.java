package io.mmsguard.inspection.unpack;

import io.mmsguard.inspection.scan.ContentTypeDetector;

/**
 * The media type of an archive member, told from its content by the file filter's {@link ContentTypeDetector}: a
 * member has no Content-Type of its own, and its name is whatever the sender wrote into the archive. What shows no
 * known signature and has no NUL byte is text (so banned words read it); anything else is
 * {@code application/octet-stream}.
 */
final class MemberType {

    private static final ContentTypeDetector DETECTOR = new ContentTypeDetector();

    private MemberType() {
    }

    static String of(byte[] content) {
        return DETECTOR.detect(content).map(ContentTypeDetector.Detected::mediaType)
                .orElseGet(() -> hasNul(content) ? "application/octet-stream" : "text/plain");
    }

    private static boolean hasNul(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
