package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The automaton engine against a naive matcher written here: random signatures (as a model that renders to ClamAV
 * hex syntax, independent of the compiler) and random contents over a small alphabet, often with an instance of
 * one signature planted. The reference tries every start position and backtracks through the model.
 */
class EngineVersusReferenceProperties {
    private static final byte[] ALPHABET = {'A', 'B', 'C', '1'};

    sealed interface El permits Lit, Masked, Gap, Alt {
    }

    record Lit(byte b) implements El {
    }

    /** mask 0xF0 / 0x0F: one nibble fixed; mask 0: any byte. */
    record Masked(byte value, int mask) implements El {
    }

    /** max < 0: unbounded. */
    record Gap(int min, int max) implements El {
    }

    record Alt(List<byte[]> options) implements El {
    }

    record Offset(String text, int kind, int n, int shift) {
        boolean allows(int start, int length) {
            return switch (kind) {
                case 0 -> true;
                case 1 -> start >= n && start <= n + shift;
                default -> start >= length - n && start <= length - n + shift;
            };
        }
    }

    record Sig(String name, Offset offset, List<El> elements) {
        String line() {
            StringBuilder sb = new StringBuilder(name).append(":0:").append(offset.text()).append(':');
            for (El e : elements) {
                if (e instanceof Lit l) {
                    sb.append(String.format("%02x", l.b() & 0xFF));
                } else if (e instanceof Masked m) {
                    String h = String.format("%02x", m.value() & 0xFF);
                    sb.append(m.mask() == 0 ? "??" : m.mask() == 0xF0 ? h.charAt(0) + "?" : "?" + h.charAt(1));
                } else if (e instanceof Gap g) {
                    if (g.max() < 0) {
                        sb.append(g.min() == 0 ? "*" : "{" + g.min() + "-}");
                    } else if (g.min() == g.max()) {
                        sb.append('{').append(g.min()).append('}');
                    } else if (g.min() == 0) {
                        sb.append("{-").append(g.max()).append('}');
                    } else {
                        sb.append('{').append(g.min()).append('-').append(g.max()).append('}');
                    }
                } else if (e instanceof Alt a) {
                    sb.append('(');
                    for (int i = 0; i < a.options().size(); i++) {
                        sb.append(i > 0 ? "|" : "").append(java.util.HexFormat.of().formatHex(a.options().get(i)));
                    }
                    sb.append(')');
                }
            }
            return sb.toString();
        }
    }

    @Property(tries = 400)
    void engineAgreesWithNaiveMatcher(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        List<Sig> sigs = new ArrayList<>();
        int count = 1 + r.nextInt(5);
        for (int i = 0; i < count; i++) {
            sigs.add(randomSig(r, "S" + i));
        }
        byte[] content = randomContent(r, sigs);

        BodySignatureParser parser = new BodySignatureParser(2048);
        List<BodySignature> compiled = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (Sig s : sigs) {
            BodySignature b = parser.parse(s.line());
            compiled.add(b);
            boolean ref = referenceMatches(s, content);
            if (ref) {
                expected.add(s.name());
            }
            SignatureDatabase single = new SignatureDatabase(List.of(), List.of(b), stats(1));
            assertThat(single.match(content)).as("%s on %s", s.line(), new String(content, "ISO-8859-1"))
                    .isEqualTo(ref ? Optional.of(s.name()) : Optional.empty());
        }
        net.jqwik.api.statistics.Statistics.collect(expected.isEmpty() ? "clean" : "infected");
        Optional<String> all = new SignatureDatabase(List.of(), compiled, stats(compiled.size())).match(content);
        if (expected.isEmpty()) {
            assertThat(all).isEmpty();
        } else {
            assertThat(all).isPresent();
            assertThat(expected).contains(all.get());
        }
    }

    private static LoadStatistics stats(int n) {
        return new LoadStatistics(0, 0, 0, 0, n, 0, java.util.Map.of(), List.of(), java.util.Set.of());
    }

    private static byte lit(Random r) {
        return ALPHABET[r.nextInt(ALPHABET.length)];
    }

    static Sig randomSig(Random r, String name) {
        List<El> els = new ArrayList<>();
        int n = r.nextInt(6);
        int gaps = 0;
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k < 4) {
                els.add(new Lit(lit(r)));
            } else if (k < 6) {
                els.add(new Masked(lit(r), new int[] {0, 0xF0, 0x0F}[r.nextInt(3)]));
            } else if (k < 8 && gaps < 2) {
                gaps++;
                int min = r.nextInt(3);
                int max = r.nextInt(4) == 0 ? -1 : min + r.nextInt(3);
                els.add(new Gap(min, max == 0 ? 1 : max));
            } else {
                List<byte[]> options = new ArrayList<>();
                int o = 2 + r.nextInt(2);
                for (int j = 0; j < o; j++) {
                    byte[] opt = new byte[1 + r.nextInt(2)];
                    for (int b = 0; b < opt.length; b++) {
                        opt[b] = lit(r);
                    }
                    options.add(opt);
                }
                els.add(new Alt(options));
            }
        }
        int at = r.nextInt(els.size() + 1);
        els.add(at, new Lit(lit(r)));
        els.add(at, new Lit(lit(r)));
        if (els.get(0) instanceof Gap) {
            els.add(0, new Lit(lit(r)));
        }
        if (els.get(els.size() - 1) instanceof Gap) {
            els.add(new Lit(lit(r)));
        }
        Offset offset = switch (r.nextInt(5)) {
            case 0, 1 -> new Offset("*", 0, 0, 0);
            case 2 -> {
                int v = r.nextInt(8);
                yield new Offset(String.valueOf(v), 1, v, 0);
            }
            case 3 -> {
                int v = r.nextInt(8);
                int s = 1 + r.nextInt(6);
                yield new Offset(v + "," + s, 1, v, s);
            }
            default -> {
                int v = r.nextInt(12);
                int s = r.nextInt(3);
                yield new Offset("EOF-" + v + (s > 0 ? "," + s : ""), 2, v, s);
            }
        };
        return new Sig(name, offset, els);
    }

    static byte[] randomContent(Random r, List<Sig> sigs) {
        List<Byte> c = new ArrayList<>();
        int len = r.nextInt(r.nextBoolean() ? 12 : 60);
        for (int i = 0; i < len; i++) {
            c.add(lit(r));
        }
        if (r.nextInt(10) < 7) {
            List<Byte> instance = instantiate(r, sigs.get(r.nextInt(sigs.size())));
            c.addAll(r.nextInt(c.size() + 1), instance);
        }
        byte[] out = new byte[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.get(i);
        }
        return out;
    }

    static List<Byte> instantiate(Random r, Sig s) {
        List<Byte> out = new ArrayList<>();
        for (El e : s.elements()) {
            if (e instanceof Lit l) {
                out.add(l.b());
            } else if (e instanceof Masked m) {
                int free = r.nextInt(256);
                out.add((byte) ((m.value() & m.mask()) | (free & ~m.mask() & 0xFF)));
            } else if (e instanceof Gap g) {
                int len = g.max() < 0 ? g.min() + r.nextInt(5) : g.min() + r.nextInt(g.max() - g.min() + 1);
                for (int i = 0; i < len; i++) {
                    out.add(lit(r));
                }
            } else if (e instanceof Alt a) {
                for (byte b : a.options().get(r.nextInt(a.options().size()))) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    static boolean referenceMatches(Sig s, byte[] content) {
        for (int start = 0; start <= content.length; start++) {
            if (s.offset().allows(start, content.length) && matchFrom(s.elements(), 0, content, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchFrom(List<El> els, int i, byte[] c, int pos) {
        if (i == els.size()) {
            return true;
        }
        El e = els.get(i);
        if (e instanceof Lit l) {
            return pos < c.length && c[pos] == l.b() && matchFrom(els, i + 1, c, pos + 1);
        }
        if (e instanceof Masked m) {
            return pos < c.length && (c[pos] & m.mask()) == (m.value() & m.mask()) && matchFrom(els, i + 1, c, pos + 1);
        }
        if (e instanceof Gap g) {
            int max = g.max() < 0 ? c.length - pos : Math.min(g.max(), c.length - pos);
            for (int k = g.min(); k <= max; k++) {
                if (matchFrom(els, i + 1, c, pos + k)) {
                    return true;
                }
            }
            return false;
        }
        Alt a = (Alt) e;
        for (byte[] o : a.options()) {
            if (pos + o.length <= c.length && java.util.Arrays.equals(c, pos, pos + o.length, o, 0, o.length)
                    && matchFrom(els, i + 1, c, pos + o.length)) {
                return true;
            }
        }
        return false;
    }
}
