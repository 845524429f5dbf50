package io.mmsguard.bench.similar;

import io.mmsguard.inspection.similar.ContentFingerprinter;
import io.mmsguard.inspection.similar.FingerprintLimits;
import java.util.List;

/**
 * The sweep behind {@link ContentFingerprinter#STANDARD_SHAPE}: the corpus generated once, then recall and false
 * positives for each shape given as {@code shingleWords,textBands,textRows,imageBands} arguments.
 */
public final class SimilarityTuning {

    private SimilarityTuning() {
    }

    public static void main(String[] args) {
        long seed = Long.getLong("seed", 19L);
        List<SimilarCorpus.Message> corpus = new SimilarCorpus(seed).generate(SimilarCorpus.Size.STANDARD);
        for (String arg : args) {
            String[] p = arg.split(",");
            ContentFingerprinter.Shape shape = new ContentFingerprinter.Shape(Integer.parseInt(p[0]),
                    Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
            ContentFingerprinter fingerprinter = new ContentFingerprinter(FingerprintLimits.standard(), shape,
                    System::nanoTime);
            SimilarityMeasure.Figures figures = SimilarityMeasure.measure(corpus,
                    SimilarityMeasure.fingerprints(corpus, fingerprinter));
            System.out.println(shape + ": " + figures.summary());
        }
    }
}
