package io.mmsguard.inspection.topology;

import io.mmsguard.avro.internal.BannedWordFound;
import io.mmsguard.avro.internal.BannedWordOutcome;
import io.mmsguard.avro.internal.ContentOutcome;
import io.mmsguard.inspection.scan.BannedWord;
import io.mmsguard.inspection.scan.BannedWordAction;
import io.mmsguard.inspection.scan.BannedWordScore;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.scan.ContentVerdict;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.Reason;
import io.mmsguard.inspection.scan.ScanOutcome;
import io.mmsguard.inspection.scan.ScanResult;
import io.mmsguard.inspection.scan.Scanner;

/**
 * {@link ContentScanResult} to and from its Avro form, losslessly. The banned-word score is kept whole (not only its
 * description) so that stage 2 can still ask {@code blocked()} and {@code describe()} of it.
 */
final class ContentScanRecords {

    private ContentScanRecords() {
    }

    static ContentOutcome toAvro(ContentScanResult c) {
        return ContentOutcome.newBuilder()
                .setVerdict(AvroEnums.toAvro(c.verdict(), io.mmsguard.avro.internal.ContentVerdict.class))
                .setReason(AvroEnums.toAvro(c.reason(), io.mmsguard.avro.Reason.class))
                .setDetail(c.detail())
                .setPartsToStrip(c.partsToStrip())
                .setQuarantine(c.quarantine())
                .setBannedWords(c.bannedWords() == null ? null : toAvro(c.bannedWords()))
                .setScanResults(c.scanResults().stream().map(ContentScanRecords::toAvro).toList())
                .build();
    }

    static ContentScanResult fromAvro(ContentOutcome c) {
        return new ContentScanResult(AvroEnums.toJava(c.getVerdict(), ContentVerdict.class),
                AvroEnums.toJava(c.getReason(), Reason.class), c.getDetail(), c.getPartsToStrip(), c.getQuarantine(),
                c.getBannedWords() == null ? null : fromAvro(c.getBannedWords()),
                c.getScanResults().stream().map(ContentScanRecords::fromAvro).toList());
    }

    private static io.mmsguard.avro.ScanResult toAvro(ScanResult r) {
        return new io.mmsguard.avro.ScanResult(AvroEnums.toAvro(r.scanner().name(), io.mmsguard.avro.Scanner.class),
                AvroEnums.toAvro(r.outcome(), io.mmsguard.avro.ScanOutcome.class), r.detail(), r.partIndex());
    }

    private static ScanResult fromAvro(io.mmsguard.avro.ScanResult r) {
        return new ScanResult(new Scanner(AvroEnums.toName(r.getScanner())),
                AvroEnums.toJava(r.getOutcome(), ScanOutcome.class), r.getDetail(), r.getPartIndex());
    }

    private static BannedWordOutcome toAvro(BannedWordScore s) {
        return BannedWordOutcome.newBuilder()
                .setTotal(s.total())
                .setThreshold(s.threshold())
                .setMatched(s.matched().stream()
                        .map(f -> new BannedWordFound(toAvro(f.word()), f.partIndex())).toList())
                .setExemptBy(s.exemptBy() == null ? null : toAvro(s.exemptBy()))
                .setBudgetExceeded(s.budgetExceeded().stream().map(ContentScanRecords::toAvro).toList())
                .build();
    }

    private static BannedWordScore fromAvro(BannedWordOutcome s) {
        return new BannedWordScore(s.getTotal(), s.getThreshold(),
                s.getMatched().stream()
                        .map(f -> new BannedWordScore.Found(fromAvro(f.getWord()), f.getPartIndex())).toList(),
                s.getExemptBy() == null ? null : fromAvro(s.getExemptBy()),
                s.getBudgetExceeded().stream().map(ContentScanRecords::fromAvro).toList());
    }

    private static io.mmsguard.avro.BannedWord toAvro(BannedWord w) {
        return io.mmsguard.avro.BannedWord.newBuilder()
                .setPattern(w.pattern())
                .setPatternType(AvroEnums.toAvro(w.patternType(), io.mmsguard.avro.PatternType.class))
                .setAction(AvroEnums.toAvro(w.action(), io.mmsguard.avro.BannedWordAction.class))
                .setScore(w.score())
                .setEnabled(w.enabled())
                .build();
    }

    private static BannedWord fromAvro(io.mmsguard.avro.BannedWord w) {
        return new BannedWord(w.getPattern(), AvroEnums.toJava(w.getPatternType(), PatternType.class),
                AvroEnums.toJava(w.getAction(), BannedWordAction.class), w.getScore(),
                w.getEnabled());
    }
}
