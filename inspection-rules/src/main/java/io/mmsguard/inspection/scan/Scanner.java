package io.mmsguard.inspection.scan;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one inspection step; mirrors the Avro {@code Scanner} enum, whose symbol of the same name it is written
 * as. An open value rather than a Java enum so that a {@link ContentScanner} brings its own name: a scanner added to
 * the registry needs no edit here, only its symbol at the end of {@code enums/Scanner.avsc} before it reaches a topic.
 */
public record Scanner(String name) {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9_]*");

    public static final Scanner ENDPOINT_FILTER = new Scanner("ENDPOINT_FILTER");
    public static final Scanner OVERSIZE = new Scanner("OVERSIZE");
    public static final Scanner UNPACK = new Scanner("UNPACK");
    public static final Scanner FILE_FILTER = new Scanner("FILE_FILTER");
    public static final Scanner ANTIVIRUS = new Scanner("ANTIVIRUS");
    public static final Scanner BANNED_WORDS = new Scanner("BANNED_WORDS");
    public static final Scanner CHECKSUM = new Scanner("CHECKSUM");
    public static final Scanner FLOOD = new Scanner("FLOOD");
    public static final Scanner DUPLICATE = new Scanner("DUPLICATE");

    /** Every step the topology runs, in its order (the content scans are those of the standard registry). */
    public static final List<Scanner> KNOWN = List.of(ENDPOINT_FILTER, OVERSIZE, UNPACK, FILE_FILTER, ANTIVIRUS, BANNED_WORDS,
            CHECKSUM, FLOOD, DUPLICATE);

    /** @throws IllegalArgumentException unless the name is an upper-case Avro symbol (and not the reader's UNKNOWN) */
    public Scanner {
        Objects.requireNonNull(name, "name");
        if (!SYMBOL.matcher(name).matches() || name.equals("UNKNOWN")) {
            throw new IllegalArgumentException("a scanner name is an upper-case Avro symbol, not " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
