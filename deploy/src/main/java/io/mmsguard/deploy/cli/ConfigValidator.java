package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.profile.ProfileContext;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.profile.ScanProfileMapper;
import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.service.YamlProblem;

/**
 * The checks the inspection service applies when it reads a record (ProfileValidator.standard() and the endpoint
 * list mapping), run before writing so that the service never has to reject what the CLI wrote. Endpoint lists a
 * profile names must be in the file or already on the topic.
 */
final class ConfigValidator {

    private ConfigValidator() {
    }

    /**
     * @param existingLists names of the lists on the topic, or empty when unknown (the file has YAML problems and
     *                      Kafka was not asked), in which case references are not checked
     */
    static List<YamlProblem> validate(ConfigDocument doc, Optional<Set<String>> existingLists) {
        ProfileContext context = existingLists.map(existing -> {
            Set<String> names = new TreeSet<>(existing);
            doc.endpointLists().stream().filter(e -> e.value() != null).forEach(e -> names.add(e.value().getName()));
            return ProfileContext.withEndpointLists(names);
        }).orElse(ProfileContext.STANDALONE);
        List<YamlProblem> problems = new ArrayList<>();
        for (ConfigDocument.Entry<MmsProfile> e : doc.profiles()) {
            if (e.reader().problems().isEmpty()) {
                add(e, ProfileValidator.standard().validate(e.value(), context), problems);
            }
        }
        for (ConfigDocument.Entry<EndpointList> e : doc.endpointLists()) {
            if (e.reader().problems().isEmpty()) {
                add(e, ScanProfileMapper.endpointList(e.value()).problems(), problems);
            }
        }
        problems.sort(Comparator.comparingInt(YamlProblem::line));
        return problems;
    }

    private static void add(ConfigDocument.Entry<?> entry, List<ValidationProblem> found, List<YamlProblem> out) {
        for (ValidationProblem p : found) {
            out.add(new YamlProblem(entry.lineOf(p.path()), entry.path(p.path()), p.reason()));
        }
    }
}
