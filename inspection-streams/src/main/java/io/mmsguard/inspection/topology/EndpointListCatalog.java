package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.mmsguard.inspection.endpoint.EndpointList;
import io.mmsguard.inspection.profile.ScanProfileMapper;
import io.mmsguard.inspection.validation.ValidationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last valid version of every carrier endpoint list, fed from mms.endpoint-lists. Like profiles, an invalid
 * record is logged and ignored so that the previous version stays in force. Every change bumps {@link #generation()},
 * which tells the compiled matchers that they are stale.
 */
public final class EndpointListCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointListCatalog.class);

    private final Map<String, EndpointList> lists = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** @return the problems that made the record be ignored; empty when it was applied */
    public List<ValidationProblem> update(String key, io.mmsguard.avro.EndpointList value) {
        if (value == null) {
            if (lists.remove(key) != null) {
                generation.incrementAndGet();
            }
            LOG.info("endpoint list {}: deleted", key);
            return List.of();
        }
        ScanProfileMapper.Mapped<EndpointList> mapped = ScanProfileMapper.endpointList(value);
        List<ValidationProblem> problems = mapped.problems();
        if (mapped.valid() && !value.getName().equals(key)) {
            problems = List.of(new ValidationProblem("name",
                    "\"" + value.getName() + "\" does not match the record key \"" + key + "\""));
        }
        if (!problems.isEmpty()) {
            LOG.warn("endpoint list {}: invalid record ignored, {} stays in force: {}", key,
                    lists.containsKey(key) ? "the previous version" : "no version", problems);
            return problems;
        }
        lists.put(key, mapped.value());
        generation.incrementAndGet();
        LOG.info("endpoint list {}: applied ({} entries)", key, mapped.value().entries().size());
        return List.of();
    }

    public long generation() {
        return generation.get();
    }

    /** The named lists that exist, in the given order; a missing name is skipped and reported to {@code missing}. */
    public List<EndpointList> resolve(List<String> names, List<String> missing) {
        List<EndpointList> found = new ArrayList<>(names.size());
        for (String name : names) {
            EndpointList list = lists.get(name);
            if (list == null) {
                missing.add(name);
            } else {
                found.add(list);
            }
        }
        return found;
    }
}
