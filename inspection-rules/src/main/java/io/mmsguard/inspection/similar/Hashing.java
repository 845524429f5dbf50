package io.mmsguard.inspection.similar;

/** The 64-bit mixing every fingerprint uses: fixed constants, so a fingerprint is the same on every instance. */
final class Hashing {

    private Hashing() {
    }

    /** SplitMix64's finaliser: every input bit affects every output bit (a bijection, so no collisions added). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the characters, then mixed: the hash of one shingle. */
    static long of(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
