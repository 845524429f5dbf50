package io.mmsguard.harness;

import java.util.List;

import io.mmsguard.deploy.TopicPlan;
import org.apache.kafka.clients.admin.NewTopic;

/** deploy's topic plan in the form {@link Deployment.Builder#topics} takes (replication is the deployment's). */
public final class ProjectTopics {
    private ProjectTopics() {
    }

    public static List<NewTopic> plan() {
        return TopicPlan.embedded().stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList();
    }
}
