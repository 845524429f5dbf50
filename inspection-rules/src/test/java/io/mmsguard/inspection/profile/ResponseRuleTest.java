package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.BlockStatus;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ReplacementMessage;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseRuleTest {

    private static ReplacementMessage message(MmsInterface i, Reason r, Direction d) {
        return ReplacementMessage.newBuilder().setMmsInterface(i).setReason(r).setDirection(d).setText("t").build();
    }

    private static BlockStatus status(Reason r, ResponseStatus s) {
        return BlockStatus.newBuilder().setReason(r).setStatus(s).build();
    }

    private static List<String> problems(MmsProfile p) {
        return ProfileValidator.standard().validate(p, ProfileContext.STANDALONE).stream()
                .map(ValidationProblem::toString).toList();
    }

    @Test
    void validMessagesAndStatusesPass() {
        MmsProfile p = MmsProfile.newBuilder().setName("p")
                .setReplacementMessages(List.of(message(MmsInterface.MM1, Reason.VIRUS, null),
                        message(MmsInterface.MM1, Reason.VIRUS, Direction.RETRIEVE)))
                .setBlockStatuses(List.of(status(Reason.FLOOD, ResponseStatus.newBuilder().setMm1ResponseStatus(0x80)
                        .setMm3ReplyCode(550).setMm3EnhancedStatus("5.7.1").setMm4RequestStatus("Ok")
                        .setMm7StatusCode(4007).build())))
                .build();

        assertThat(problems(p)).isEmpty();
    }

    @Test
    void unknownSymbolsDuplicatesAndOffProtocolValuesAreReported() {
        MmsProfile p = MmsProfile.newBuilder().setName("p")
                .setReplacementMessages(List.of(message(MmsInterface.UNKNOWN, Reason.VIRUS, null),
                        message(MmsInterface.MM3, Reason.FLOOD, null),
                        message(MmsInterface.MM3, Reason.FLOOD, null),
                        message(MmsInterface.MM1, Reason.UNKNOWN, Direction.UNKNOWN)))
                .setBlockStatuses(List.of(
                        status(Reason.VIRUS, ResponseStatus.newBuilder().setMm1ResponseStatus(0x7F).setMm3ReplyCode(700)
                                .setMm3EnhancedStatus("5.7").setMm4RequestStatus("err-content-not-accept")
                                .setMm7StatusCode(2010).build()),
                        status(Reason.VIRUS, ResponseStatus.newBuilder().build()),
                        status(Reason.UNKNOWN, ResponseStatus.newBuilder().build())))
                .build();

        assertThat(problems(p)).containsExactly(
                "replacementMessages[0].mmsInterface: UNKNOWN is not a known symbol",
                "replacementMessages[2]: a second entry for MM3, FLOOD and every direction; only the first is used",
                "replacementMessages[3].reason: UNKNOWN is not a known symbol",
                "replacementMessages[3].direction: UNKNOWN is not a known symbol",
                "blockStatuses[0].status.mm1ResponseStatus: 127 is outside 128-255 (0x80-0xFF)",
                "blockStatuses[0].status.mm3ReplyCode: 700 is not an SMTP reply code (200-599)",
                "blockStatuses[0].status.mm3EnhancedStatus: \"5.7\" is not an RFC 3463 status (class.subject.detail, "
                        + "class 2, 4 or 5)",
                "blockStatuses[0].status.mm4RequestStatus: \"err-content-not-accept\" is not an MM4 request status",
                "blockStatuses[0].status.mm7StatusCode: 2010 is not an MM7 status code",
                "blockStatuses[1].reason: a second entry for VIRUS; only the first is used",
                "blockStatuses[2].reason: UNKNOWN is not a known symbol");
    }
}
