package io.mmsguard.inspection.topology;

import java.util.List;

import io.mmsguard.inspection.validation.ValidationProblem;

/**
 * Told of every profile and endpoint-list record the {@link RuleBook} read: applied (no problems, now in force) or
 * rejected (the previous version stays). The service publishes it to mms.config-status, where {@code config apply}
 * waits for its version.
 */
public interface RulesListener {
    RulesListener NONE = (kind, name, version, problems) -> { };

    /**
     * @param kind     {@code io.mmsguard.schemas.config.ConfigStatus.PROFILE} or {@code ENDPOINT_LIST}
     * @param version  the record's audit version
     * @param problems empty when applied
     */
    void read(String kind, String name, long version, List<ValidationProblem> problems);
}
