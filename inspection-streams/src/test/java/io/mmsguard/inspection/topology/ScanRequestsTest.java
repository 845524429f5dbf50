package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.scan.ScanPart;
import org.junit.jupiter.api.Test;

class ScanRequestsTest {

    private static ScanPart only(MmsPart part) {
        MmsEnvelope env = SampleEnvelopes.mm1Send().setParts(List.of(part)).build();
        return ScanRequests.of(env).parts().get(0);
    }

    @Test
    void aPartNamedOnlyByItsContentLocationIsSeenUnderThatName() {
        MmsPart part = SampleEnvelopes.part("application/octet-stream", null, new byte[] {1});
        part.setContentLocation("game.exe");

        assertThat(only(part).name()).isEqualTo("game.exe");
    }

    @Test
    void theFileNameWinsOverTheContentLocationAndUrlsGiveTheirLastSegment() {
        MmsPart named = SampleEnvelopes.part("image/jpeg", "photo.jpg", new byte[] {1});
        named.setContentLocation("other.exe");
        assertThat(only(named).name()).isEqualTo("photo.jpg");

        assertThat(ScanRequests.fileName("http://mmsc.example/store/a/IMG_0001.JPG?x=1")).isEqualTo("IMG_0001.JPG");
        assertThat(ScanRequests.fileName("cid:part1")).isNull();
        assertThat(ScanRequests.fileName("dir/")).isNull();
    }

    @Test
    void mediaTypesLoseParametersAndCase() {
        assertThat(ScanRequests.mediaType("Text/Plain; charset=utf-8")).isEqualTo("text/plain");
    }
}
