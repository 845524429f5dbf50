package io.mmsguard.bench.similar;

import io.mmsguard.inspection.similar.ContentFingerprinter;
import io.mmsguard.inspection.similar.Fingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The similar-content fingerprint measured on a {@link SimilarCorpus}, in the corpus's order.
 * <ul>
 * <li><b>Recall</b>: of the campaign copies that have an earlier copy of their campaign (every copy but the first),
 * the share that shares at least one band with an earlier copy of its campaign. A copy without fingerprint counts as
 * missed.</li>
 * <li><b>False positives</b>: of all unordered pairs of messages from different groups (two campaigns, two bulk
 * templates, a campaign and a template, any pair involving an unrelated message), the share that shares at least one
 * band.</li>
 * <li>Threshold view: each message counted as the topology counts it (the largest number of earlier messages sharing
 * one of its bands, plus itself), the share of campaign copies past the 3rd that a limit of 3 flags, and how many
 * unrelated messages it flags.</li>
 * </ul>
 */
public final class SimilarityMeasure {

    public record Figures(int campaignCopies, int recognised, long unrelatedPairs, long unrelatedSimilar,
                          int bulkCopies, int bulkRecognised, int withoutFingerprint, int campaignPastLimit,
                          int campaignPastLimitFlagged, int unrelatedFlagged, int unrelatedMessages,
                          long unrelatedSimilarByPicture) {

        public double recall() {
            return (double) recognised / campaignCopies;
        }

        public double falsePositiveRate() {
            return (double) unrelatedSimilar / unrelatedPairs;
        }

        public String summary() {
            return String.format("recall %.4f (%d of %d campaign copies share a band with an earlier copy); "
                            + "false positives %.2e (%d of %d pairs from different groups share a band, %d a picture band); "
                            + "bulk copies like an earlier copy of their template %d of %d; no fingerprint %d; "
                            + "limit 3: %d of %d campaign copies past the 3rd flagged, %d of %d unrelated messages flagged",
                    recall(), recognised, campaignCopies, falsePositiveRate(), unrelatedSimilar, unrelatedPairs,
                    unrelatedSimilarByPicture,
                    bulkRecognised, bulkCopies, withoutFingerprint, campaignPastLimitFlagged, campaignPastLimit,
                    unrelatedFlagged, unrelatedMessages);
        }
    }

    private SimilarityMeasure() {
    }

    public static List<Fingerprint> fingerprints(List<SimilarCorpus.Message> corpus, ContentFingerprinter fingerprinter) {
        List<Fingerprint> out = new ArrayList<>(corpus.size());
        for (SimilarCorpus.Message m : corpus) {
            out.add(fingerprinter.fingerprint(m.parts()));
        }
        return out;
    }

    public static Figures measure(List<SimilarCorpus.Message> corpus, List<Fingerprint> fingerprints) {
        int n = corpus.size();
        Map<String, Set<String>> bandsSeenByGroup = new HashMap<>();
        Map<String, Integer> groupSizes = new HashMap<>();
        Map<String, List<Integer>> holders = new HashMap<>();
        int campaignCopies = 0;
        int recognised = 0;
        int bulkCopies = 0;
        int bulkRecognised = 0;
        int without = 0;
        int pastLimit = 0;
        int pastLimitFlagged = 0;
        int unrelatedFlagged = 0;
        int unrelated = 0;
        for (int i = 0; i < n; i++) {
            SimilarCorpus.Message m = corpus.get(i);
            Fingerprint f = fingerprints.get(i);
            int copy = groupSizes.merge(m.group(), 1, Integer::sum);
            Set<String> seen = bandsSeenByGroup.computeIfAbsent(m.group(), g -> new HashSet<>());
            boolean sharesEarlier = f.bands().stream().anyMatch(seen::contains);
            if (copy > 1 && m.kind() == SimilarCorpus.Kind.CAMPAIGN) {
                campaignCopies++;
                recognised += sharesEarlier ? 1 : 0;
            }
            if (copy > 1 && m.kind() == SimilarCorpus.Kind.BULK) {
                bulkCopies++;
                bulkRecognised += sharesEarlier ? 1 : 0;
            }
            without += f.isEmpty() ? 1 : 0;
            int count = 1;
            for (String band : f.bands()) {
                count = Math.max(count, holders.getOrDefault(band, List.of()).size() + 1);
            }
            if (m.kind() == SimilarCorpus.Kind.CAMPAIGN && copy > 3) {
                pastLimit++;
                pastLimitFlagged += count > 3 ? 1 : 0;
            }
            if (m.kind() == SimilarCorpus.Kind.UNRELATED) {
                unrelated++;
                unrelatedFlagged += count > 3 ? 1 : 0;
            }
            seen.addAll(f.bands());
            for (String band : f.bands()) {
                holders.computeIfAbsent(band, b -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> similarPairs = new HashSet<>();
        Set<Long> byPicture = new HashSet<>();
        for (Map.Entry<String, List<Integer>> entry : holders.entrySet()) {
            List<Integer> sharing = entry.getValue();
            for (int a = 0; a < sharing.size(); a++) {
                for (int b = a + 1; b < sharing.size(); b++) {
                    int x = sharing.get(a);
                    int y = sharing.get(b);
                    if (!corpus.get(x).group().equals(corpus.get(y).group())) {
                        similarPairs.add((long) x * n + y);
                        if (entry.getKey().startsWith("i")) {
                            byPicture.add((long) x * n + y);
                        }
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        for (int size : groupSizes.values()) {
            pairs -= (long) size * (size - 1) / 2;
        }
        return new Figures(campaignCopies, recognised, pairs, similarPairs.size(), bulkCopies, bulkRecognised, without,
                pastLimit, pastLimitFlagged, unrelatedFlagged, unrelated, byPicture.size());
    }

    /** Prints the figures for the standard corpus and fingerprint: {@code SimilarityMeasure [seed]}. */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 19L;
        List<SimilarCorpus.Message> corpus = new SimilarCorpus(seed).generate(SimilarCorpus.Size.STANDARD);
        System.out.println(measure(corpus, fingerprints(corpus, ContentFingerprinter.standard())).summary());
    }
}
