package io.mmsguard.inspection.profile;

import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * The endpoint prefix (FORTICARRIER.md 1.1 carrier-endpoint-prefix*): digits with an optional {@code +}, present
 * when enabled, and a length range within 1-48 that is not empty. Checked when disabled too: enabling it later must
 * not need another fix.
 */
final class EndpointPrefixRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        EndpointPrefix p = profile.getEndpointPrefix();
        String prefix = p.getPrefix();
        if (prefix == null || prefix.isEmpty()) {
            if (p.getEnabled()) {
                problems.add(new ValidationProblem("endpointPrefix.prefix", "must not be empty when enabled"));
            }
        } else if (!EndpointPrefixes.PREFIX.matcher(prefix).matches()) {
            problems.add(new ValidationProblem("endpointPrefix.prefix",
                    "\"" + prefix + "\" is not an optional + and 1-8 digits, e.g. +49"));
        }
        boolean minOk = Ranges.check("endpointPrefix.minLength", p.getMinLength(), EndpointPrefixes.MIN_LENGTH,
                EndpointPrefixes.MAX_LENGTH, problems);
        boolean maxOk = Ranges.check("endpointPrefix.maxLength", p.getMaxLength(), EndpointPrefixes.MIN_LENGTH,
                EndpointPrefixes.MAX_LENGTH, problems);
        if (minOk && maxOk && p.getMinLength() > p.getMaxLength()) {
            problems.add(new ValidationProblem("endpointPrefix.minLength",
                    p.getMinLength() + " is greater than maxLength " + p.getMaxLength()));
        }
    }
}
