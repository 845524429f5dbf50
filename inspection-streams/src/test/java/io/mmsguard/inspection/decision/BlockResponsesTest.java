package io.mmsguard.inspection.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.BlockStatus;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BlockResponsesTest {

    @ParameterizedTest
    @CsvSource({
            "VIRUS, 2004, 5.7.1", "FILE_FILTER, 2004, 5.7.1", "BANNED_WORDS, 2004, 5.7.1", "CHECKSUM, 2004, 5.7.1",
            "OVERSIZE, 2004, 5.7.1", "ENDPOINT, 4007, 5.7.1", "FLOOD, 4007, 5.7.1", "DUPLICATE, 4007, 5.7.1",
            "MALFORMED, 2007, 5.6.0"})
    void a13DefaultsPerInterface(Reason reason, int mm7, String enhanced) {
        ResponseStatus s = BlockResponses.forReason(MmsProfile.newBuilder().setName("p").build(), reason);

        assertThat(s).isEqualTo(ResponseStatus.newBuilder().setMm1ResponseStatus(0x87).setMm3ReplyCode(550)
                .setMm3EnhancedStatus(enhanced).setMm4RequestStatus("Error-content-not-accepted")
                .setMm7StatusCode(mm7).build());
    }

    @Test
    void profileOverridesOnlyItsNonNullFieldsAndOnlyForItsReason() {
        MmsProfile p = MmsProfile.newBuilder().setName("p").setBlockStatuses(List.of(
                BlockStatus.newBuilder().setReason(Reason.VIRUS).setStatus(ResponseStatus.newBuilder()
                        .setMm1ResponseStatus(0x80).setMm7StatusCode(3002).build()).build(),
                BlockStatus.newBuilder().setReason(Reason.VIRUS).setStatus(ResponseStatus.newBuilder()
                        .setMm3ReplyCode(554).build()).build())).build();

        ResponseStatus virus = BlockResponses.forReason(p, Reason.VIRUS);
        ResponseStatus flood = BlockResponses.forReason(p, Reason.FLOOD);

        assertThat(virus).isEqualTo(ResponseStatus.newBuilder().setMm1ResponseStatus(0x80).setMm3ReplyCode(550)
                .setMm3EnhancedStatus("5.7.1").setMm4RequestStatus("Error-content-not-accepted")
                .setMm7StatusCode(3002).build());
        assertThat(flood).isEqualTo(BlockResponses.defaults(Reason.FLOOD));
    }
}
