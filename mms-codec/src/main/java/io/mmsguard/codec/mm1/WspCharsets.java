package io.mmsguard.codec.mm1;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Map.entry;

/** IANA MIBenum numbers as WSP carries them (PROTOCOLS.md §1.9.3), mapped to names and java.nio charsets. */
final class WspCharsets {
    static final int ANY = 0;
    static final int US_ASCII = 3;
    static final int UTF_8 = 106;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            entry(0, "*"), entry(3, "us-ascii"), entry(4, "iso-8859-1"), entry(5, "iso-8859-2"),
            entry(6, "iso-8859-3"), entry(7, "iso-8859-4"), entry(8, "iso-8859-5"), entry(9, "iso-8859-6"),
            entry(10, "iso-8859-7"), entry(11, "iso-8859-8"), entry(12, "iso-8859-9"), entry(17, "shift_jis"),
            entry(18, "euc-jp"), entry(36, "ks_c_5601-1987"), entry(38, "euc-kr"), entry(39, "iso-2022-jp"),
            entry(106, "utf-8"), entry(109, "iso-8859-13"), entry(111, "iso-8859-15"), entry(113, "gbk"),
            entry(114, "gb18030"), entry(1000, "iso-10646-ucs-2"), entry(1013, "utf-16be"), entry(1014, "utf-16le"),
            entry(1015, "utf-16"), entry(2025, "gb2312"), entry(2026, "big5"), entry(2084, "koi8-r"),
            entry(2251, "windows-1251"), entry(2252, "windows-1252"));
    private static final Map<String, Integer> CODES = NAMES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private WspCharsets() {
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
