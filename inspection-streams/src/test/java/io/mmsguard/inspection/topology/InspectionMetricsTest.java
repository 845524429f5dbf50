package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectionMetricsTest {

    @Test
    void attachmentsThatCouldNotBeUnpackedAreCountedByOutcomeAndUnpackedOnesAreNot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InspectionMetrics metrics = new InspectionMetrics(registry);
        ContentScanResult content = new ContentScanResult(ContentVerdict.BLOCK, Reason.UNPACK, "a.zip: encrypted",
                List.of(), false, null, List.of(
                        new ScanResult(Scanner.UNPACK, ScanOutcome.CLEAN, "zip, 2 members", 0),
                        new ScanResult(Scanner.UNPACK, ScanOutcome.MATCH, "b.zip: corrupt; passed", 1),
                        new ScanResult(Scanner.UNPACK, ScanOutcome.BLOCK, "c.zip: encrypted", 2),
                        new ScanResult(Scanner.ANTIVIRUS, ScanOutcome.BLOCK, "Eicar-Test-Signature", 3)));

        metrics.unpacked(MmsInterface.MM3, content);

        assertThat(registry.get("mmsguard.inspection.unpack.unscannable").tag("interface", "MM3")
                .tag("outcome", "BLOCK").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("mmsguard.inspection.unpack.unscannable").tag("outcome", "MATCH").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.find("mmsguard.inspection.unpack.unscannable").tag("outcome", "CLEAN").counter()).isNull();
    }
}
