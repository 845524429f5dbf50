package io.mmsguard.inspection.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberEvidenceTest {

    @Test
    void aMembersDetailSplitsBackIntoItsPathAndWhatTheScannerSaid() {
        String detail = MemberEvidence.of("a.zip!/dir/b.gz!/x.exe", "Eicar-Test-Signature");
        assertThat(detail).isEqualTo("a.zip!/dir/b.gz!/x.exe: Eicar-Test-Signature");
        assertThat(MemberEvidence.path(detail)).contains("a.zip!/dir/b.gz!/x.exe");
        assertThat(MemberEvidence.finding(detail)).isEqualTo("Eicar-Test-Signature");
    }

    @Test
    void aMemberNameWithTheSeparatorStillGivesTheScannersWords() {
        String detail = MemberEvidence.of("a.zip!/note: read me.txt", "Win.Test.EICAR_HDB-1");
        assertThat(MemberEvidence.finding(detail)).isEqualTo("Win.Test.EICAR_HDB-1");
        assertThat(MemberEvidence.path(detail)).contains("a.zip!/note: read me.txt");
    }

    @Test
    void aPartsDetailIsLeftAlone() {
        assertThat(MemberEvidence.path("Eicar-Test-Signature")).isEmpty();
        assertThat(MemberEvidence.finding("Eicar-Test-Signature")).isEqualTo("Eicar-Test-Signature");
        assertThat(MemberEvidence.finding(null)).isNull();
        assertThat(MemberEvidence.finding("a.zip!/x.exe")).as("a member finding without a detail").isNull();
    }
}
