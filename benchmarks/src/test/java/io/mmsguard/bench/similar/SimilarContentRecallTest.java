package io.mmsguard.bench.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.similar.ContentFingerprinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The targets of issue 19 on the generated corpus (counting in {@link SimilarityMeasure}): at least 95 % of campaign
 * copies share a band with an earlier copy of their campaign, at most 1 in 10,000 pairs from different groups share a
 * band. The standard corpus has about 3,700 messages, so about 6.5 million such pairs: 1e-4 is some 650 pairs.
 */
class SimilarContentRecallTest {

    @Test
    void campaignsAreRecognisedAndUnrelatedMessagesAreNot() {
        List<SimilarCorpus.Message> corpus = new SimilarCorpus(19).generate(SimilarCorpus.Size.STANDARD);
        SimilarityMeasure.Figures figures = SimilarityMeasure.measure(corpus,
                SimilarityMeasure.fingerprints(corpus, ContentFingerprinter.standard()));
        System.out.println("similar content, seed 19: " + figures.summary());
        assertThat(figures.unrelatedPairs()).isGreaterThan(1_000_000L);
        assertThat(figures.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(figures.falsePositiveRate()).isLessThanOrEqualTo(1e-4);
    }
}
