package io.mmsguard.bench.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.inspection.scan.ScanPart;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimilarCorpusTest {

    private static final SimilarCorpus.Size SMALL = new SimilarCorpus.Size(2, 5, 4, 20);

    @Test
    void sameSeedSameMessages() {
        List<SimilarCorpus.Message> a = new SimilarCorpus(7).generate(SMALL);
        List<SimilarCorpus.Message> b = new SimilarCorpus(7).generate(SMALL);
        assertThat(a).isEqualTo(b);
        assertThat(new SimilarCorpus(8).generate(SMALL)).isNotEqualTo(a);
    }

    @Test
    void labelsEveryKindInTheAskedNumbers() {
        List<SimilarCorpus.Message> corpus = new SimilarCorpus(7).generate(SMALL);
        int campaigns = SimilarCorpus.CAMPAIGNS.size() + SMALL.generatedCampaigns();
        assertThat(corpus).filteredOn(m -> m.kind() == SimilarCorpus.Kind.CAMPAIGN)
                .hasSize(campaigns * SMALL.copiesPerCampaign());
        assertThat(corpus).filteredOn(m -> m.kind() == SimilarCorpus.Kind.BULK)
                .hasSize(SimilarCorpus.BULK.size() * SMALL.copiesPerBulkTemplate());
        assertThat(corpus).filteredOn(m -> m.kind() == SimilarCorpus.Kind.UNRELATED).hasSize(SMALL.unrelated())
                .extracting(SimilarCorpus.Message::group).doesNotHaveDuplicates();
    }

    @Test
    void campaignCopiesVaryButKeepTheirTemplate() {
        List<SimilarCorpus.Message> copies = new SimilarCorpus(7).generate(SMALL).stream()
                .filter(m -> m.group().equals("campaign-0")).toList();
        assertThat(copies.stream().map(m -> text(m.parts().get(0))).distinct()).hasSize(copies.size());
        assertThat(copies).allSatisfy(m -> assertThat(text(m.parts().get(0))).contains("https://"));
    }

    @Test
    void spinTemplatesChooseAlternativesThatHoldFields() {
        String out = Wording.render("{Dear ${name}|Hello ${name}}, {a|b}", new SplittableRandom(1),
                (name, random) -> "<" + name + ">");
        assertThat(out).matches("(Dear|Hello) <name>, [ab]");
    }

    private static String text(ScanPart part) {
        return new String(part.content(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
