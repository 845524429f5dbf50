package io.mmsguard.harness;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.mmsc.Delivery;
import io.mmsguard.harness.mmsc.MmscStub;

/**
 * What must hold after any run, faults included, checked against what the clients were answered and what reached
 * the MMSC stub. Each check throws an {@link AssertionError} listing every offending transaction id (up to 20).
 * ERROR and NO_ANSWER promise nothing either way: the message may or may not have been handed on.
 */
public final class Invariants {
    private static final int LISTED = 20;
    private static final Set<AnswerKind> REFUSED = EnumSet.of(AnswerKind.BLOCKED, AnswerKind.TEMPORARY_FAILURE);

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

    private static void fail(List<String> offenders, String what) {
        if (!offenders.isEmpty()) {
            throw new AssertionError(offenders.size() + " " + what + ": "
                    + String.join(", ", offenders.subList(0, Math.min(LISTED, offenders.size())))
                    + (offenders.size() > LISTED ? ", ..." : ""));
        }
    }
}
