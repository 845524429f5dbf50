package io.mmsguard.inspection.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ReplacementMessage;
import io.mmsguard.inspection.decision.ReplacementMessages.Replacement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplacementMessagesTest {

    private static final Map<String, String> FIELDS = Map.of("sender", "+491701", "recipient", "+491702",
            "virus", "Eicar", "file", "a.exe", "reason", "virus", "threshold", "", "profile", "p");

    private static ReplacementMessage message(MmsInterface i, Reason r, Direction d, String subject, String text) {
        return ReplacementMessage.newBuilder().setMmsInterface(i).setReason(r).setDirection(d).setSubject(subject)
                .setText(text).build();
    }

    private static final MmsProfile PROFILE = MmsProfile.newBuilder().setName("p").setReplacementMessages(List.of(
            message(MmsInterface.MM1, Reason.VIRUS, null, null, "any: %virus% from %sender% in %profile%"),
            message(MmsInterface.MM1, Reason.VIRUS, Direction.RETRIEVE, "Blocked for %recipient%",
                    "retrieve: %file%"),
            message(MmsInterface.MM3, Reason.VIRUS, null, null, "mail: %reason%"))).build();

    @Test
    void theEntryForTheExactDirectionWinsOverTheOneForEveryDirection() {
        assertThat(ReplacementMessages.render(PROFILE, MmsInterface.MM1, Direction.RETRIEVE, Reason.VIRUS, false,
                FIELDS)).isEqualTo(new Replacement("Blocked for +491702", "retrieve: a.exe"));
        assertThat(ReplacementMessages.render(PROFILE, MmsInterface.MM1, Direction.SEND, Reason.VIRUS, false,
                FIELDS)).isEqualTo(new Replacement(null, "any: Eicar from +491701 in p"));
        assertThat(ReplacementMessages.render(PROFILE, MmsInterface.MM3, Direction.SEND, Reason.VIRUS, false,
                FIELDS)).isEqualTo(new Replacement(null, "mail: virus"));
    }

    @Test
    void otherInterfacesAndReasonsUseTheBuiltInTexts() {
        assertThat(ReplacementMessages.render(PROFILE, MmsInterface.MM7, Direction.SEND, Reason.VIRUS, false,
                FIELDS).text()).isEqualTo("This message has been blocked because it contains the virus Eicar (a.exe).");
        assertThat(ReplacementMessages.render(PROFILE, MmsInterface.MM1, Direction.SEND, Reason.CHECKSUM, true,
                FIELDS).text()).isEqualTo("The attachment a.exe has been removed because it is a blocked file.");
    }

    @Test
    void builtInFloodAndDuplicateTextsRevealNoThreshold() {
        for (Reason r : List.of(Reason.FLOOD, Reason.DUPLICATE)) {
            assertThat(ReplacementMessages.defaultText(r, false)).isEqualTo("This message has not been accepted.")
                    .doesNotContain("%");
        }
    }

    @Test
    void everyReasonHasABuiltInText() {
        for (Reason r : Reason.values()) {
            assertThat(ReplacementMessages.defaultText(r, false)).isNotBlank();
            assertThat(ReplacementMessages.defaultText(r, true)).isNotBlank();
        }
    }
}
