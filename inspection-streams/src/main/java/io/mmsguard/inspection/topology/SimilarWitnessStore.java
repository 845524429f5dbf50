package io.mmsguard.inspection.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import io.mmsguard.inspection.similar.Fingerprint;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The band step's witnesses (RocksDB, changelogged), by band key: the latest message counted under the key, as a
 * version byte, its session id and its fingerprint without bands. The threshold store's sweep deletes a band's
 * witness with its counts, so this store never outlives them. A value that cannot be decoded is no witness: the
 * explanation is lost, the count is not.
 */
final class SimilarWitnessStore implements SimilarBandLogic.Witnesses {
    private static final byte VERSION = 1;
    /** 48 minima and 4 pictures need far less; a larger length is a corrupt value, not an allocation. */
    private static final int MAX_ENTRIES = 4096;

    private final KeyValueStore<String, byte[]> store;

    SimilarWitnessStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public Optional<SimilarBandLogic.Witness> get(String key) {
        byte[] bytes = store.get(key);
        return bytes == null ? Optional.empty() : decode(bytes);
    }

    @Override
    public void put(String key, SimilarBandLogic.Witness witness) {
        store.put(key, encode(witness));
    }

    void delete(String key) {
        store.delete(key);
    }

    static byte[] encode(SimilarBandLogic.Witness witness) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(witness.sessionId());
            int[] text = witness.fingerprint().text();
            out.writeShort(text.length);
            for (int m : text) {
                out.writeInt(m);
            }
            long[] images = witness.fingerprint().images();
            out.writeShort(images.length);
            for (long h : images) {
                out.writeLong(h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Optional<SimilarBandLogic.Witness> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            String session = in.readUTF();
            int[] text = new int[length(in)];
            for (int i = 0; i < text.length; i++) {
                text[i] = in.readInt();
            }
            long[] images = new long[length(in)];
            for (int i = 0; i < images.length; i++) {
                images[i] = in.readLong();
            }
            return Optional.of(new SimilarBandLogic.Witness(session, new Fingerprint(text, images, List.of())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        if (n > MAX_ENTRIES) {
            throw new IOException("length " + n);
        }
        return n;
    }
}
