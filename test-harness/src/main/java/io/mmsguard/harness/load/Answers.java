package io.mmsguard.harness.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Every answer of a run, in completion order; thread-safe. */
public final class Answers {
    private final List<Answer> all = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> byId = new ConcurrentHashMap<>();

    /** Answers collected elsewhere, e.g. a test's own. */
    public static Answers of(List<Answer> answers) {
        Answers out = new Answers();
        answers.forEach(out::add);
        return out;
    }

    void add(Answer a) {
        if (byId.putIfAbsent(a.transactionId(), a) != null) {
            throw new IllegalStateException("a second answer for " + a.transactionId());
        }
        all.add(a);
    }

    public List<Answer> all() {
        return List.copyOf(all);
    }

    public Answer of(String transactionId) {
        return byId.get(transactionId);
    }

    public List<Answer> ofKind(AnswerKind kind) {
        return all.stream().filter(a -> a.kind() == kind).toList();
    }

    public List<Answer> of(Iface iface) {
        return all.stream().filter(a -> a.message().iface() == iface).toList();
    }

    /** How many answers of each kind, e.g. for a failure message. */
    public Map<AnswerKind, Long> counts() {
        return all.stream().collect(Collectors.groupingBy(Answer::kind, Collectors.counting()));
    }

    public int size() {
        return all.size();
    }

    @Override
    public String toString() {
        return size() + " answers " + counts();
    }
}
