package io.mmsguard.schemas.archive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.EncryptedContent;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.schemas.AvroCopies;

/**
 * Moves an archive record's content fields (subject; each part's name, filename, contentId, contentLocation and
 * content) into {@code encryptedContent} and back. Everything else stays in the clear so that queries by sender,
 * recipient, time, verdict and reason, and the duplicate and checksum investigations (crc32, sha256), work without
 * the key. The record's sessionId is the additional data, so content moved to another record fails to decrypt.
 */
public final class ArchiveContentSealer {
    private final EnvelopeCipher cipher;

    public ArchiveContentSealer(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    public ArchiveRecord seal(ArchiveRecord record) {
        if (record.getEncryptedContent() != null) {
            return record;
        }
        List<ContentLayout.Part> content = new ArrayList<>();
        List<MmsPart> clear = new ArrayList<>();
        for (MmsPart p : record.getParts()) {
            content.add(new ContentLayout.Part(p.getName(), p.getFilename(), p.getContentId(), p.getContentLocation(),
                    bytes(p.getContent())));
            MmsPart metadata = AvroCopies.shallow(p);
            metadata.setName(null);
            metadata.setFilename(null);
            metadata.setContentId(null);
            metadata.setContentLocation(null);
            metadata.setContent(null);
            clear.add(metadata);
        }
        byte[] plaintext = ContentLayout.encode(new ContentLayout.Content(record.getSubject(), content));
        EnvelopeCipher.Sealed sealed = cipher.seal(plaintext, additionalData(record));
        ArchiveRecord sealedRecord = AvroCopies.shallow(record);
        sealedRecord.setSubject(null);
        sealedRecord.setParts(clear);
        sealedRecord.setEncryptedContent(EncryptedContent.newBuilder().setScheme(EnvelopeCipher.SCHEME)
                .setKeyId(sealed.keyId()).setWrappedKey(ByteBuffer.wrap(sealed.wrappedKey()))
                .setNonce(ByteBuffer.wrap(sealed.nonce())).setCiphertext(ByteBuffer.wrap(sealed.ciphertext()))
                .build());
        return sealedRecord;
    }

    /** The record with its content fields back in place and no {@code encryptedContent}; as is when not encrypted. */
    public ArchiveRecord open(ArchiveRecord record) {
        EncryptedContent e = record.getEncryptedContent();
        if (e == null) {
            return record;
        }
        if (!EnvelopeCipher.SCHEME.equals(e.getScheme())) {
            throw new ArchiveCryptoException("unknown encryption scheme '" + e.getScheme() + "'; this version reads "
                    + EnvelopeCipher.SCHEME);
        }
        byte[] plaintext = cipher.open(new EnvelopeCipher.Sealed(e.getKeyId(), bytes(e.getWrappedKey()),
                bytes(e.getNonce()), bytes(e.getCiphertext())), additionalData(record));
        ContentLayout.Content content = ContentLayout.decode(plaintext);
        if (content.parts().size() != record.getParts().size()) {
            throw new ArchiveCryptoException("the encrypted content has " + content.parts().size()
                    + " parts, the record " + record.getParts().size());
        }
        List<MmsPart> parts = new ArrayList<>();
        for (int i = 0; i < content.parts().size(); i++) {
            ContentLayout.Part p = content.parts().get(i);
            parts.add(MmsPart.newBuilder(record.getParts().get(i)).setName(p.name()).setFilename(p.filename())
                    .setContentId(p.contentId()).setContentLocation(p.contentLocation())
                    .setContent(p.content() == null ? null : ByteBuffer.wrap(p.content())).build());
        }
        return ArchiveRecord.newBuilder(record).setSubject(content.subject()).setParts(parts)
                .setEncryptedContent(null).build();
    }

    private static byte[] additionalData(ArchiveRecord record) {
        return record.getSessionId().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
