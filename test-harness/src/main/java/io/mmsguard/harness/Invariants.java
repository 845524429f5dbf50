package io.mmsguard.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.mmsc.Delivery;
import io.mmsguard.harness.mmsc.MmscStub;

/**
 * What must hold after any run, faults included, checked against what the clients were answered and what reached
 * the MMSC stub. Each check throws an {@link AssertionError} listing every offending transaction id (up to 20).
 * ERROR, UNREACHABLE and NO_ANSWER promise nothing either way: the message may or may not have been handed on.
 */
public final class Invariants {
    private static final int LISTED = 20;
    private static final Set<AnswerKind> REFUSED = EnumSet.of(AnswerKind.BLOCKED, AnswerKind.TEMPORARY_FAILURE);
    private static final Set<AnswerKind> DECIDED = EnumSet.of(AnswerKind.OK, AnswerKind.BLOCKED);
    private static final Set<AnswerKind> OFFERED = EnumSet.of(AnswerKind.OK, AnswerKind.BLOCKED,
            AnswerKind.TEMPORARY_FAILURE, AnswerKind.UNREACHABLE);

    private Invariants() {
    }

    /** All four checks but the flood bound. */
    public static void check(Answers answers, MmscStub mmsc) {
        noTransactionTwice(mmsc);
        everyOkWasDelivered(answers, mmsc);
        nothingRefusedWasDelivered(answers, mmsc);
    }

    /** No subscriber message reached the MMSC twice (a retry or a replay after a fault delivered it again). */
    public static void noTransactionTwice(MmscStub mmsc) {
        Map<String, Long> counts = mmsc.all().stream()
                .filter(d -> d.transactionId() != null && d.isForwardedMessage())
                .collect(Collectors.groupingBy(Delivery::transactionId, TreeMap::new, Collectors.counting()));
        counts.values().removeIf(n -> n < 2);
        fail(counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList(),
                "transaction ids delivered to the MMSC more than once");
    }

    /** Every message answered OK reached the MMSC. */
    public static void everyOkWasDelivered(Answers answers, MmscStub mmsc) {
        fail(answers.ofKind(AnswerKind.OK).stream().map(Answer::transactionId).filter(id -> mmsc.countOf(id) == 0)
                .toList(), "answered OK but never delivered to the MMSC");
    }

    /** No message answered BLOCKED or TEMPORARY_FAILURE reached the MMSC. */
    public static void nothingRefusedWasDelivered(Answers answers, MmscStub mmsc) {
        fail(answers.all().stream().filter(a -> REFUSED.contains(a.kind()))
                .filter(a -> mmsc.countOf(a.transactionId()) > 0)
                .map(a -> a.transactionId() + " (" + a.kind() + " " + a.detail() + ")").toList(),
                "refused to the client but delivered to the MMSC");
    }

    /**
     * No message carrying the EICAR file was answered OK or reached the MMSC, whatever it was answered: a virus never
     * passes, not even while a scanner is down. Holds for fail-closed profiles only (fail-open forwards unscanned
     * what could not be decided, by the operator's choice).
     */
    public static void noVirusPassed(Answers answers, MmscStub mmsc) {
        fail(answers.all().stream().filter(a -> a.message().eicar())
                .filter(a -> a.kind() == AnswerKind.OK || mmsc.countOf(a.transactionId()) > 0)
                .map(a -> a.transactionId() + " (" + a.kind() + " " + a.detail() + ", delivered "
                        + mmsc.countOf(a.transactionId()) + "x)").toList(),
                "messages with EICAR answered OK or delivered to the MMSC");
    }

    /** None of {@code floodSenders} got more than {@code limit} messages answered OK. */
    public static void floodBounded(Answers answers, Collection<String> floodSenders, int limit) {
        Set<String> flooders = Set.copyOf(floodSenders);
        Map<String, Long> passed = answers.ofKind(AnswerKind.OK).stream()
                .filter(a -> flooders.contains(a.message().sender()))
                .collect(Collectors.groupingBy(a -> a.message().sender(), TreeMap::new, Collectors.counting()));
        passed.values().removeIf(n -> n <= limit);
        fail(passed.entrySet().stream().map(e -> e.getKey() + " passed " + e.getValue()).toList(),
                "flood senders over their limit of " + limit);
    }

    /**
     * Every session was answered OK, BLOCKED or TEMPORARY_FAILURE within {@code deadline}, or found its gateway
     * UNREACHABLE when that gateway was one of {@code downGateways} (killed on purpose). NO_ANSWER is a hang and
     * ERROR an answer no client understands: both always offend.
     */
    public static void everySessionAnswered(Answers answers, Duration deadline, Collection<Endpoints> downGateways) {
        Set<Endpoints> down = Set.copyOf(downGateways);
        fail(answers.all().stream().filter(a -> switch (a.kind()) {
            case OK, BLOCKED, TEMPORARY_FAILURE -> a.latency().compareTo(deadline) > 0;
            case UNREACHABLE -> !down.contains(a.gateway());
            case ERROR, NO_ANSWER -> true;
        }).map(a -> a.transactionId() + " (" + a.kind() + " " + a.detail() + " after " + a.latency().toMillis()
                + " ms)").toList(), "sessions not answered within " + deadline);
    }

    /**
     * Per flood sender, the count the inspection service keeps ({@code counts}, e.g. from
     * {@link Deployment#floodCount}) is at least what it decided: OK + BLOCKED. A session it decided was counted.
     */
    public static void floodCountCoversDecided(Answers answers, Map<String, Long> counts) {
        fail(counts.entrySet().stream().filter(e -> e.getValue() < sessions(answers, e.getKey(), DECIDED))
                .map(e -> e.getKey() + " count " + e.getValue() + " < OK + blocked "
                        + sessions(answers, e.getKey(), DECIDED)).toList(),
                "flood counts below the sessions decided");
    }

    /**
     * Per flood sender, the count is at most what may have reached the inspection: OK + BLOCKED + TEMPORARY_FAILURE,
     * plus UNREACHABLE (a session cut off by a killed gateway may have been handed on before the kill; one refused
     * never was, which the bound does not tell apart). A retried or replayed session counted twice breaks it.
     */
    public static void floodCountWithinOffered(Answers answers, Map<String, Long> counts) {
        fail(counts.entrySet().stream().filter(e -> e.getValue() > sessions(answers, e.getKey(), OFFERED))
                .map(e -> e.getKey() + " count " + e.getValue() + " > OK + blocked + temporary failures "
                        + sessions(answers, e.getKey(), OFFERED)).toList(),
                "flood counts above the sessions offered");
    }

    private static long sessions(Answers answers, String sender, Set<AnswerKind> kinds) {
        return answers.all().stream().filter(a -> a.message().sender().equals(sender) && kinds.contains(a.kind()))
                .count();
    }

    /**
     * The notifier sent each notice once per recipient after de-duplication by transaction id
     * ({@code <stream>@<emitted millis>/<recipient>}, the same on every re-send): per notice stream and recipient
     * at most one distinct notice. Valid for profiles whose notice interval is longer than the whole run, so that
     * every stream emits once; a second notice for the same events (work redone after a crash with a new emission
     * time) offends. Re-sends of the same transaction id are the notifier's at-least-once delivery:
     * {@link #noticeRepeats} counts them.
     */
    public static void everyNoticeOnce(MmscStub mmsc) {
        Map<String, Set<String>> idsPerStream = mmsc.notices().stream().map(Delivery::transactionId)
                .filter(Objects::nonNull).distinct()
                .collect(Collectors.groupingBy(Invariants::noticeStreamAndRecipient, TreeMap::new,
                        Collectors.toCollection(TreeSet::new)));
        idsPerStream.values().removeIf(ids -> ids.size() < 2);
        fail(idsPerStream.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList(),
                "notice streams that notified the same recipient more than once");
    }

    /** Transaction ids of notices the stub received more than once, with how often: the at-least-once repeats. */
    public static Map<String, Long> noticeRepeats(MmscStub mmsc) {
        Map<String, Long> counts = mmsc.notices().stream().map(Delivery::transactionId).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    /** {@code <stream>@<millis>/<recipient>} without the {@code @<millis>}. */
    private static String noticeStreamAndRecipient(String transactionId) {
        int slash = transactionId.lastIndexOf('/');
        String noticeId = slash < 0 ? transactionId : transactionId.substring(0, slash);
        int at = noticeId.lastIndexOf('@');
        return (at < 0 ? noticeId : noticeId.substring(0, at)) + (slash < 0 ? "" : transactionId.substring(slash));
    }

    private static void fail(List<String> offenders, String what) {
        if (!offenders.isEmpty()) {
            throw new AssertionError(offenders.size() + " " + what + ": "
                    + String.join(", ", offenders.subList(0, Math.min(LISTED, offenders.size())))
                    + (offenders.size() > LISTED ? ", ..." : ""));
        }
    }
}
