package io.mmsguard.inspection.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.inspection.scan.MmsInterface;
import io.mmsguard.inspection.scan.ScanPart;
import io.mmsguard.inspection.scan.ScanRequest;

/** The scanners' view of an envelope: parts in order, content when inline, the gateway's CRC32 of every part. */
final class ScanRequests {

    private ScanRequests() {
    }

    static ScanRequest of(MmsEnvelope envelope) {
        List<MmsPart> parts = envelope.getParts();
        List<ScanPart> scanParts = new ArrayList<>(parts.size());
        Map<Integer, Long> crc32 = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            MmsPart p = parts.get(i);
            String name = p.getFilename() != null ? p.getFilename()
                    : p.getName() != null ? p.getName() : fileName(p.getContentLocation());
            scanParts.add(new ScanPart(i, mediaType(p.getContentType()), name, p.getCharset(), bytes(p.getContent())));
            crc32.put(i, p.getCrc32());
        }
        return new ScanRequest(envelope.getSubject(), scanParts, envelope.getOriginalSize(),
                AvroEnums.toJava(envelope.getMmsInterface(), MmsInterface.class), crc32);
    }

    /**
     * MM1 handsets usually name an attachment only in its Content-Location ({@code IMG_0001.jpg}); a file filter that
     * ignored it would be bypassed by every handset. The last path segment, without any query.
     */
    static String fileName(String contentLocation) {
        if (contentLocation == null) {
            return null;
        }
        String path = contentLocation;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() || last.startsWith("cid:") ? null : last;
    }

    /** The media type the file filter compares: lower case, parameters removed. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The buffer's bytes; its backing array itself when it is exactly that (the usual case after decoding). */
    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
