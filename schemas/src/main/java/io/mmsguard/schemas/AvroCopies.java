package io.mmsguard.schemas;

import java.util.List;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Copies of generated Avro records that share their field values with the original. The generated builders' copy
 * constructors ({@code newBuilder(record)}) copy every field deeply, bytes included: on the per-message path,
 * dropping a message's content that way first copied all of it. The records are never changed once built, so
 * sharing is safe.
 */
public final class AvroCopies {
    private AvroCopies() {
    }

    /** A new record of the same type whose fields are the original's values (not copies of them). */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> T shallow(T record) {
        T copy = (T) SpecificData.newInstance(record.getClass(), record.getSchema());
        for (Schema.Field f : record.getSchema().getFields()) {
            copy.put(f.pos(), record.get(f.pos()));
        }
        return copy;
    }

    /** The part's metadata without its bytes; the part itself when it has none. */
    public static MmsPart withoutContent(MmsPart part) {
        if (part.getContent() == null) {
            return part;
        }
        MmsPart copy = shallow(part);
        copy.setContent(null);
        return copy;
    }

    /** The envelope with every part's metadata and no part's bytes; the envelope itself when it has none. */
    public static MmsEnvelope withoutContent(MmsEnvelope envelope) {
        if (envelope.getParts().stream().allMatch(p -> p.getContent() == null)) {
            return envelope;
        }
        List<MmsPart> parts = envelope.getParts().stream().map(AvroCopies::withoutContent).toList();
        MmsEnvelope copy = shallow(envelope);
        copy.setParts(parts);
        return copy;
    }
}
