package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The demo traffic of {@code mmsguard up --demo}, run by tests against a started stack. */
final class DemoRuns {
    private DemoRuns() {
    }

    /**
     * Starts the services on {@code stack}, sends the whole demo and stops them.
     *
     * @param publishProfile whether the demo profile is written (if absent), as on a first {@code up}
     */
    static Demo.Result run(EmbeddedStack stack, Path data, EmbeddedServices.Ports ports, boolean publishProfile)
            throws Exception {
        try (EmbeddedServices services = EmbeddedServices.start(stack, data, ports,
                publishProfile ? Optional.of(DemoProfile.Publish.IF_ABSENT) : Optional.empty())) {
            assertThat(services.awaitRunning(Duration.ofMinutes(2))).isTrue();
            List<Integer> progress = new ArrayList<>();
            Demo.Result result = new Demo(services.endpoints(), services.mmsc(), services.observer(stack),
                    Duration.ofMinutes(2)).run(progress::add);
            assertThat(progress).hasSize(Demo.size()).endsWith(Demo.size());
            return result;
        }
    }
}
