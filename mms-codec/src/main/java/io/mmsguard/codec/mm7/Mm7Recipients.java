package io.mmsguard.codec.mm7;

import java.util.List;

/** Recipients: To, Cc and Bcc address lists, each possibly empty, never null. */
public record Mm7Recipients(List<Mm7Address> to, List<Mm7Address> cc, List<Mm7Address> bcc) {

    public Mm7Recipients {
        to = List.copyOf(to == null ? List.of() : to);
        cc = List.copyOf(cc == null ? List.of() : cc);
        bcc = List.copyOf(bcc == null ? List.of() : bcc);
    }

    public static Mm7Recipients to(Mm7Address... to) {
        return new Mm7Recipients(List.of(to), List.of(), List.of());
    }

    public int size() {
        return to.size() + cc.size() + bcc.size();
    }
}
