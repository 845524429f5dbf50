package io.mmsguard.inspection.profile;

import static io.mmsguard.inspection.threshold.Threshold.MAX_BLOCK_MINUTES;
import static io.mmsguard.inspection.threshold.Threshold.MAX_THRESHOLDS;
import static io.mmsguard.inspection.threshold.Threshold.MAX_WINDOW_MINUTES;
import static io.mmsguard.inspection.threshold.Threshold.MIN_BLOCK_MINUTES;
import static io.mmsguard.inspection.threshold.Threshold.MIN_LIMIT;
import static io.mmsguard.inspection.threshold.Threshold.MIN_WINDOW_MINUTES;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Flood, duplicate and similar-content thresholds (FORTICARRIER.md 1.3): MM1 and MM4 only, at most 3, ranges of window, limit and
 * block time, known actions, and "enabled in sequence: you can enable 1 and 2, but not 2 without 1". Disabled
 * thresholds are range-checked too: enabling one later must not need another fix.
 */
final class ThresholdRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        for (MmsInterface mmsInterface : Interfaces.ALL) {
            InterfaceSettings settings = Interfaces.settings(profile, mmsInterface);
            String prefix = Interfaces.field(mmsInterface);
            checkList(mmsInterface, prefix + ".flood", "flood", settings.getFlood(), problems);
            checkList(mmsInterface, prefix + ".duplicate", "duplicate", settings.getDuplicate(), problems);
            checkList(mmsInterface, prefix + ".similar", "similar-content", settings.getSimilar(), problems);
        }
    }

    private static void checkList(MmsInterface mmsInterface, String path, String kind, List<Threshold> thresholds,
                                  List<ValidationProblem> problems) {
        if (thresholds.isEmpty()) {
            return;
        }
        if (!Interfaces.hasThresholds(mmsInterface)) {
            problems.add(new ValidationProblem(path, kind + " thresholds apply to MM1 and MM4 only"));
            return;
        }
        if (thresholds.size() > MAX_THRESHOLDS) {
            problems.add(new ValidationProblem(path, "at most 3 thresholds, got " + thresholds.size()));
        }
        int firstDisabled = -1;
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            String at = path + "[" + i + "]";
            if (!t.getEnabled() && firstDisabled < 0) {
                firstDisabled = i;
            }
            if (t.getEnabled() && firstDisabled >= 0) {
                problems.add(new ValidationProblem(at + ".enabled", "threshold " + (i + 1)
                        + " is enabled but threshold " + (firstDisabled + 1) + " is not; thresholds are enabled in order"));
            }
            Ranges.check(at + ".windowMinutes", t.getWindowMinutes(), MIN_WINDOW_MINUTES, MAX_WINDOW_MINUTES, problems);
            if (t.getLimit() < MIN_LIMIT) {
                problems.add(new ValidationProblem(at + ".limit", t.getLimit() + " must be greater than 0"));
            }
            Ranges.check(at + ".blockTimeMinutes", t.getBlockTimeMinutes(), MIN_BLOCK_MINUTES, MAX_BLOCK_MINUTES,
                    problems);
            checkActions(at + ".actions", t, problems);
        }
    }

    private static void checkActions(String path, Threshold t, List<ValidationProblem> problems) {
        List<ThresholdAction> actions = t.getActions();
        if (t.getEnabled() && actions.isEmpty()) {
            problems.add(new ValidationProblem(path, "an enabled threshold needs at least one action"));
        }
        Set<ThresholdAction> seen = EnumSet.noneOf(ThresholdAction.class);
        for (int i = 0; i < actions.size(); i++) {
            ThresholdAction a = actions.get(i);
            if (a == null || a == ThresholdAction.UNKNOWN) {
                problems.add(new ValidationProblem(path + "[" + i + "]", a + " is not a known action"));
            } else if (!seen.add(a)) {
                problems.add(new ValidationProblem(path + "[" + i + "]", a + " is listed twice"));
            }
        }
    }
}
