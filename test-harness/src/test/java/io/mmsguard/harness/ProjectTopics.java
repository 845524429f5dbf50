package io.mmsguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.deploy.TopicPlan;
import org.apache.kafka.clients.admin.NewTopic;

/** deploy's topic plan in the form {@link Deployment.Builder#topics} takes (replication is the deployment's). */
public final class ProjectTopics {
    private static final String TOPIC_PLAN = "io.mmsguard.deploy.TopicPlan";

    private ProjectTopics() {
    }

    /** The plan of the release under test. */
    public static List<NewTopic> plan() {
        return TopicPlan.embedded().stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList();
    }

    /**
     * The plan of another release, read from its launcher jar (whose manifest names its libraries) in a class loader
     * of its own: the topics as that release created them, configs included (e.g. a release before mms.inbound's
     * LogAppendTime created it with the broker's default, CreateTime). Reflection, because the release's
     * {@code TopicSpec} is another class than this build's.
     */
    @SuppressWarnings("unchecked")
    public static List<NewTopic> plan(Path releaseJar) {
        try (URLClassLoader release = new URLClassLoader(new URL[] {releaseJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            List<?> specs = (List<?>) release.loadClass(TOPIC_PLAN).getMethod("embedded").invoke(null);
            List<NewTopic> topics = new ArrayList<>();
            for (Object spec : specs) {
                Class<?> type = spec.getClass();
                topics.add(new NewTopic((String) accessor(type, "name").invoke(spec),
                        (Integer) accessor(type, "partitions").invoke(spec), (short) 1)
                        .configs(Map.copyOf((Map<String, String>) accessor(type, "configs").invoke(spec))));
            }
            return List.copyOf(topics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + releaseJar, e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(releaseJar + " has no " + TOPIC_PLAN + ".embedded() of TopicSpec(name,"
                    + " partitions, configs): " + e, e);
        }
    }

    private static Method accessor(Class<?> type, String name) throws NoSuchMethodException {
        Method m = type.getMethod(name);
        m.setAccessible(true);
        return m;
    }
}
