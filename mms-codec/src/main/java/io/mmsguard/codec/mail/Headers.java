package io.mmsguard.codec.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ordered, immutable header block; lookups ignore case as RFC 5322 requires. */
public record Headers(List<HeaderField> fields) {

    public static final Headers EMPTY = new Headers(List.of());

    public Headers {
        fields = List.copyOf(fields);
    }

    public static Headers of(HeaderField... fields) {
        return new Headers(List.of(fields));
    }

    /** The first field with this name, if any. */
    public Optional<HeaderField> field(String name) {
        return fields.stream().filter(f -> f.hasName(name)).findFirst();
    }

    /** The value of the first field with this name, or null. */
    public String value(String name) {
        return field(name).map(HeaderField::value).orElse(null);
    }

    public List<String> values(String name) {
        return fields.stream().filter(f -> f.hasName(name)).map(HeaderField::value).toList();
    }

    public boolean contains(String name) {
        return field(name).isPresent();
    }

    public int size() {
        return fields.size();
    }

    /** A copy without any field of these names. */
    public Headers without(String... names) {
        List<HeaderField> kept = new ArrayList<>();
        for (HeaderField f : fields) {
            boolean drop = false;
            for (String n : names) {
                drop |= f.hasName(n);
            }
            if (!drop) {
                kept.add(f);
            }
        }
        return new Headers(kept);
    }

    /** A copy with these fields appended. */
    public Headers with(HeaderField... added) {
        List<HeaderField> all = new ArrayList<>(fields);
        all.addAll(List.of(added));
        return new Headers(all);
    }
}
