package io.mmsguard.inspection.topology;

import java.util.List;

import io.mmsguard.inspection.endpoint.EndpointMatcher;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.scan.ContentScanPipeline;

/**
 * One profile compiled for the stream threads: its endpoint matcher over the lists it names and its scan pipeline.
 * Immutable, so every stream thread may share it.
 *
 * @param missingLists names of endpoint lists the profile refers to that do not exist (yet)
 */
public record ProfileRules(Profile profile, EndpointMatcher endpoints, ContentScanPipeline scans,
                           List<String> missingLists, long endpointGeneration) {

    public ProfileRules {
        missingLists = List.copyOf(missingLists);
    }
}
