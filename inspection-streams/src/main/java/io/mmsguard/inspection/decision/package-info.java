/**
 * Step 6 of the topology ("decide"), as pure functions of one {@link io.mmsguard.inspection.decision.Inspection}:
 * the {@code Decision} for the gateway ({@link io.mmsguard.inspection.decision.DecisionFactory}), and the
 * inspection-log, archive and alert records ({@link io.mmsguard.inspection.decision.InspectionLogFactory},
 * {@link io.mmsguard.inspection.decision.ArchiveRecordFactory}, {@link io.mmsguard.inspection.decision.AlertFactory}).
 * The record factories take the decision rather than recomputing it, so that the four outputs of one message can
 * never disagree; the caller supplies every timestamp, so replays and backtests produce identical records.
 */
package io.mmsguard.inspection.decision;
