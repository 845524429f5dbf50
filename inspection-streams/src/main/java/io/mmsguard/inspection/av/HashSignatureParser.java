package io.mmsguard.inspection.av;

import java.util.Locale;

/**
 * Parses the lines of ClamAV hash databases.
 *
 * <p>{@code .hdb}: {@code md5:size:name}, the MD5 of the whole content and its exact length in bytes.
 * {@code .hsb}: {@code hash:size:name[:min_flevel[:max_flevel]]} where the hash is MD5 (32 hex digits), SHA-1 (40)
 * or SHA-256 (64), told apart by length; the size may be {@code *} ("any size"), which ClamAV pairs with a minimum
 * functionality level field (73 or later). {@code .hdb} lines may carry the same optional level fields. A signature
 * whose level range excludes this engine's level is skipped like a malformed line.
 *
 * <p>{@code .mdb} and {@code .msb}: PE section hashes, {@code size:hash:name[:min_flevel[:max_flevel]]} (size
 * first): the hash of one section's raw data ({@link PeSections}) and that section's size; MD5 only in
 * {@code .mdb}, any of the three in {@code .msb}. As clamd does, a section size must be above 0, and a {@code *} size
 * needs a minimum functionality level of 73 or later (clamd refuses the whole database otherwise; we skip the line).
 */
public final class HashSignatureParser {
    /** The functionality level that introduced {@code *} sizes. */
    static final int WILDCARD_SIZE_LEVEL = 73;

    private HashSignatureParser() {
    }

    /**
     * @param md5Only true for {@code .hdb} lines, which may only hold MD5 digests
     */
    public static HashSignature parse(String line, boolean md5Only) throws SignatureSyntaxException {
        return parse(line, md5Only, false);
    }

    /**
     * A PE section hash line.
     *
     * @param md5Only true for {@code .mdb} lines
     */
    public static HashSignature parseSection(String line, boolean md5Only) throws SignatureSyntaxException {
        return parse(line, md5Only, true);
    }

    private static HashSignature parse(String line, boolean md5Only, boolean section) throws SignatureSyntaxException {
        String[] f = line.split(":", -1);
        if (f.length < 3 || f.length > 5) {
            throw new SignatureSyntaxException("expected " + (section ? "size:hash" : "hash:size")
                    + ":name[:min_flevel[:max_flevel]], got " + f.length + " fields");
        }
        String hash = f[section ? 1 : 0].trim().toLowerCase(Locale.ROOT);
        String sizeField = f[section ? 0 : 1];
        HashAlgorithm algorithm = HashAlgorithm.byHexLength(hash.length());
        if (algorithm == null || (md5Only && algorithm != HashAlgorithm.MD5)) {
            throw new SignatureSyntaxException("hash of length " + hash.length() + " is not "
                    + (md5Only ? "an MD5 digest" : "an MD5, SHA-1 or SHA-256 digest"));
        }
        for (int i = 0; i < hash.length(); i++) {
            if (Character.digit(hash.charAt(i), 16) < 0) {
                throw new SignatureSyntaxException("hash is not hex");
            }
        }
        long size;
        if (sizeField.equals("*")) {
            size = HashSignature.ANY_SIZE;
            if (section && (f.length < 4 || !isAtLeast(f[3], WILDCARD_SIZE_LEVEL))) {
                throw new SignatureSyntaxException("size * needs a minimum functionality level of "
                        + WILDCARD_SIZE_LEVEL + " or later");
            }
        } else {
            try {
                size = Long.parseLong(sizeField);
            } catch (NumberFormatException e) {
                throw new SignatureSyntaxException("size is neither a number nor *: " + sizeField);
            }
            if (size < 0 || (section && size == 0)) {
                throw new SignatureSyntaxException((section ? "non-positive" : "negative") + " size");
            }
        }
        String name = SignatureNames.check(f[2]);
        FunctionalityLevel.check(f.length > 3 ? f[3] : null, f.length > 4 ? f[4] : null);
        return new HashSignature(algorithm, hash, size, name);
    }

    private static boolean isAtLeast(String level, int min) {
        try {
            return Integer.parseInt(level) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
