package io.mmsguard.codec.mm4;

import java.util.Optional;

/** An enumerated MM4 header value with its textual token; tokens compare case-insensitively (PROTOCOLS.md 3.5). */
public interface Mm4Token {

    String token();

    static <E extends Enum<E> & Mm4Token> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (E e : type.getEnumConstants()) {
            if (e.token().equalsIgnoreCase(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
