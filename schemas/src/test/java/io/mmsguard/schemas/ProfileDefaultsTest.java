package io.mmsguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.DayOfWeek;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.OversizeAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The schema defaults are the settings of a profile that names nothing else, and the values an old profile record
 * gets for fields added later: they must be the safe, fail-closed choices of FEATURES.md.
 */
class ProfileDefaultsTest {

    private final MmsProfile profile = MmsProfile.newBuilder().setName("default").build();

    @Test
    void aProfileWithOnlyANameScansEverythingAndFailsClosed() {
        for (InterfaceSettings s : List.of(profile.getMm1(), profile.getMm3(), profile.getMm4(), profile.getMm7())) {
            assertThat(s.getAntivirus()).isTrue();
            assertThat(s.getFileFilter()).isTrue();
            assertThat(s.getBannedWords()).isTrue();
            assertThat(s.getChecksum()).isTrue();
            assertThat(s.getEndpointFilter()).isTrue();
            assertThat(s.getMonitorOnly()).isFalse();
            assertThat(s.getFailOpen()).isFalse();
            assertThat(s.getOversizeAction()).isEqualTo(OversizeAction.BLOCK);
            assertThat(s.getArchive()).isEqualTo(ArchiveMode.NONE);
            assertThat(s.getFlood()).isEmpty();
            assertThat(s.getDuplicate()).isEmpty();
        }
        assertThat(profile.getMm1().getRetrieveScan()).isTrue();
        assertThat(profile.getMm1().getRetrieveDuplicate()).isFalse();
        assertThat(profile.getDuplicateOptions().getIncludeSubject()).isFalse();
        assertThat(profile.getUnpack().getEnabled()).as("archives are unpacked").isTrue();
        assertThat(profile.getUnpack().getUnscannableAction()).isEqualTo(io.mmsguard.avro.UnpackAction.BLOCK);
    }

    @Test
    void theSenderMsisdnComesFromTheUsualHeader() {
        assertThat(profile.getMm1().getSenderAddress().getName()).isEqualTo("x-up-calling-line-id");
    }

    @Test
    void notificationsMayGoOutAnyDayAtAnyTimeButNoTypeIsOn() {
        var n = profile.getMm1().getNotification();
        assertThat(n.getRules()).isEmpty();
        assertThat(n.getAllowedDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(n.getWindowStartMinute()).isZero();
        assertThat(n.getWindowEndMinute()).isEqualTo(24 * 60);
        assertThat(n.getRateLimitPerSecond()).isZero();
    }

    @Test
    void anOldProfileRecordReadsWithDefaultsForFieldsItLacks() throws IOException {
        // A writer that knew only the name: what a record from before every other field would look like.
        Schema nameOnly = new Schema.Parser().parse("""
                {"type": "record", "name": "MmsProfile", "namespace": "io.mmsguard.avro",
                 "fields": [{"name": "name", "type": "string"}]}""");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        encoder.writeString("edge");
        encoder.flush();

        MmsProfile read = new SpecificDatumReader<MmsProfile>(nameOnly, MmsProfile.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getName()).isEqualTo("edge");
        assertThat(read.getMm4()).isEqualTo(profile.getMm4());
        assertThat(read.getLogging()).isEqualTo(profile.getLogging());
    }

    @Test
    void anEndpointListRoundTrips() throws IOException {
        EndpointList list = EndpointList.newBuilder().setName("carrier").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(EndpointList.class).write(list, encoder);
        encoder.flush();

        EndpointList read = new SpecificDatumReader<>(EndpointList.class)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read).isEqualTo(list);
        assertThat(read.getEnabled()).isTrue();
        assertThat(read.getAudit().getVersion()).isZero();
    }
}
