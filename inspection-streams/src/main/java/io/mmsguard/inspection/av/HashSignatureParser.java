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
 */
public final class HashSignatureParser {

    private HashSignatureParser() {
    }

    /**
     * @param md5Only true for {@code .hdb} lines, which may only hold MD5 digests
     */
    public static HashSignature parse(String line, boolean md5Only) throws SignatureSyntaxException {
        String[] f = line.split(":", -1);
        if (f.length < 3 || f.length > 5) {
            throw new SignatureSyntaxException("expected hash:size:name[:min_flevel[:max_flevel]], got " + f.length
                    + " fields");
        }
        String hash = f[0].trim().toLowerCase(Locale.ROOT);
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
        if (f[1].equals("*")) {
            size = HashSignature.ANY_SIZE;
        } else {
            try {
                size = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                throw new SignatureSyntaxException("size is neither a number nor *: " + f[1]);
            }
            if (size < 0) {
                throw new SignatureSyntaxException("negative size");
            }
        }
        String name = SignatureNames.check(f[2]);
        FunctionalityLevel.check(f.length > 3 ? f[3] : null, f.length > 4 ? f[4] : null);
        return new HashSignature(algorithm, hash, size, name);
    }
}
