package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The endpoint lists a profile names must exist (when the caller knows which do), once each. */
final class EndpointListRule implements ProfileRule {

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        List<String> names = profile.getEndpointLists();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String path = "endpointLists[" + i + "]";
            if (name == null || name.isBlank()) {
                problems.add(new ValidationProblem(path, "must not be empty"));
            } else if (!seen.add(name)) {
                problems.add(new ValidationProblem(path, "\"" + name + "\" is listed twice"));
            } else if (context.endpointLists().isPresent() && !context.endpointLists().get().contains(name)) {
                problems.add(new ValidationProblem(path, "\"" + name + "\" is not a known endpoint list"));
            }
        }
    }
}
