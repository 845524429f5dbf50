package io.mmsguard.bench.pipeline;

import java.util.List;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.ChecksumEntry;
import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.FileFilterMatch;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;

/**
 * Every scanner on for MM1 (antivirus, file filter, banned words, checksum list, oversize) and flood and duplicate
 * thresholds enabled, with limits the benchmark traffic never reaches: every message goes through every step and
 * passes, which is the expensive path.
 */
public final class BenchProfile {
    public static final String NAME = "bench";

    private BenchProfile() {
    }

    public static MmsProfile profile() {
        Threshold high = Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(1_000_000)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(5).build();
        return MmsProfile.newBuilder().setName(NAME)
                .setMm1(InterfaceSettings.newBuilder().setAntivirus(true).setFileFilter(true).setBannedWords(true)
                        .setChecksum(true).setOversizeLimitKb(1024)
                        .setFlood(List.of(high)).setDuplicate(List.of(high)).build())
                .setFileFilter(List.of(
                        FileFilterEntry.newBuilder().setPattern("*.exe").build(),
                        FileFilterEntry.newBuilder().setPattern("*.scr").build(),
                        FileFilterEntry.newBuilder().setPattern("application/x-msdownload")
                                .setMatchOn(FileFilterMatch.CONTENT_TYPE).setPatternType(PatternType.SIMPLE).build()))
                .setBannedWordThreshold(20)
                .setBannedWords(List.of(
                        BannedWord.newBuilder().setPattern("\"free money\"").setScore(10).build(),
                        BannedWord.newBuilder().setPattern("casino").setScore(10).build(),
                        BannedWord.newBuilder().setPattern("lottery").setScore(10).build(),
                        BannedWord.newBuilder().setPattern("winner*").setPatternType(PatternType.WILDCARD)
                                .setScore(5).build()))
                .setChecksums(List.of(ChecksumEntry.newBuilder().setName("known-bad").setCrc32(0xDEADBEEFL).build()))
                .build();
    }
}
