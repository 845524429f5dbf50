package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton reports exactly the anchor occurrences a naive search finds, whether the states on the way use the
 * sparse edge lists or the dense tables of high-fanout states.
 */
class AnchorAutomatonTest {

    private static List<String> naive(List<byte[]> anchors, byte[] content) {
        List<String> hits = new ArrayList<>();
        for (int end = 1; end <= content.length; end++) {
            for (int id = 0; id < anchors.size(); id++) {
                byte[] a = anchors.get(id);
                int start = end - a.length;
                if (start < 0) {
                    continue;
                }
                boolean equal = true;
                for (int k = 0; k < a.length && equal; k++) {
                    equal = content[start + k] == a[k];
                }
                if (equal) {
                    hits.add(id + "@" + end);
                }
            }
        }
        return hits;
    }

    private static List<String> automaton(List<byte[]> anchors, byte[] content) {
        List<String> hits = new ArrayList<>();
        AnchorAutomaton.build(anchors).scan(content, content.length, (id, end) -> hits.add(id + "@" + end));
        return hits.stream().sorted(AnchorAutomatonTest::byEndThenId).toList();
    }

    private static int byEndThenId(String a, String b) {
        int ea = Integer.parseInt(a.substring(a.indexOf('@') + 1));
        int eb = Integer.parseInt(b.substring(b.indexOf('@') + 1));
        return ea != eb ? Integer.compare(ea, eb)
                : Integer.compare(Integer.parseInt(a.substring(0, a.indexOf('@'))),
                        Integer.parseInt(b.substring(0, b.indexOf('@'))));
    }

    @Test
    void highAndLowFanoutStatesFindTheSameOccurrencesAsANaiveSearch() {
        Random random = new Random(7);
        List<byte[]> anchors = new ArrayList<>();
        // Over a four-letter alphabet, 300 anchors of 2-5 bytes give states with up to 4 edges (sparse)...
        for (int i = 0; i < 300; i++) {
            byte[] a = new byte[2 + random.nextInt(4)];
            for (int k = 0; k < a.length; k++) {
                a[k] = (byte) "ACGT".charAt(random.nextInt(4));
            }
            anchors.add(a);
        }
        // ...and anchors with 40 different second bytes after 'A' make a state far above the dense threshold.
        for (int i = 0; i < 40; i++) {
            anchors.add(new byte[] {'A', (byte) ('a' + i % 26 + (i / 26) * 100), 'C'});
        }
        byte[] content = new byte[4000];
        for (int k = 0; k < content.length; k++) {
            content[k] = random.nextInt(3) == 0 ? (byte) ('a' + random.nextInt(26)) : (byte) "ACGT".charAt(random.nextInt(4));
        }
        List<String> expected = naive(anchors, content);
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(automaton(anchors, content)).isEqualTo(expected);
    }
}
