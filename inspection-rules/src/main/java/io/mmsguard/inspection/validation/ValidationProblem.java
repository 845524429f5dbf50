package io.mmsguard.inspection.validation;

import java.util.Objects;

/**
 * One reason a profile is rejected.
 *
 * @param path   field path into the Avro {@code MmsProfile}, list positions zero-based as in jq:
 *               {@code mm1.flood[1].windowMinutes} is the window of flood threshold 2 on MM1
 * @param reason what is wrong, with the offending value
 */
public record ValidationProblem(String path, String reason) {

    public ValidationProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
