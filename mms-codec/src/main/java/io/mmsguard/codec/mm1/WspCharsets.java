package io.mmsguard.codec.mm1;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** IANA MIBenum numbers as WSP carries them (PROTOCOLS.md §1.9.3), mapped to names and java.nio charsets. */
final class WspCharsets {
    static final int ANY = 0;
    static final int US_ASCII = 3;
    static final int UTF_8 = 106;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        put(0, "*");
        put(3, "us-ascii");
        put(4, "iso-8859-1");
        for (int i = 5; i <= 12; i++) {
            put(i, "iso-8859-" + (i - 3));
        }
        put(17, "shift_jis");
        put(18, "euc-jp");
        put(36, "ks_c_5601-1987");
        put(38, "euc-kr");
        put(39, "iso-2022-jp");
        put(106, "utf-8");
        put(109, "iso-8859-13");
        put(111, "iso-8859-15");
        put(113, "gbk");
        put(114, "gb18030");
        put(1000, "iso-10646-ucs-2");
        put(1013, "utf-16be");
        put(1014, "utf-16le");
        put(1015, "utf-16");
        put(2025, "gb2312");
        put(2026, "big5");
        put(2084, "koi8-r");
        put(2251, "windows-1251");
        put(2252, "windows-1252");
    }

    private WspCharsets() {
    }

    private static void put(int code, String name) {
        NAMES.put(code, name);
        CODES.put(name, code);
    }

    /** Lower-case name, or null when the MIBenum is not in the table. */
    static String name(long mib) {
        return mib >= 0 && mib <= Integer.MAX_VALUE ? NAMES.get((int) mib) : null;
    }

    /** MIBenum for a charset name, or -1. */
    static int code(String name) {
        Integer c = CODES.get(name.toLowerCase(Locale.ROOT));
        return c == null ? -1 : c;
    }

    /** The JVM charset for a MIBenum, or null when unknown or unsupported here. */
    static Charset charset(long mib) {
        String n = name(mib);
        if (n == null || mib == ANY) {
            return null;
        }
        String javaName = mib == 1000 ? "UTF-16BE" : mib == 36 ? "EUC-KR" : n;
        try {
            return Charset.forName(javaName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
