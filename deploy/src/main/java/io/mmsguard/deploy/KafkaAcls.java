package io.mmsguard.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.mmsguard.deploy.AccessPlan.Grant;
import io.mmsguard.deploy.AccessPlan.Operation;
import io.mmsguard.deploy.AccessPlan.Principal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@link AccessPlan} as Kafka ACL bindings, and their creation on a broker through the Admin API (the broker's
 * StandardAuthorizer; the caller is a super user). Creating a binding that exists is a no-op, so applying twice is
 * safe; bindings the plan no longer has are left alone (the operator deletes them with kafka-acls.sh).
 */
public final class KafkaAcls {
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    private KafkaAcls() {
    }

    public static List<AclBinding> bindings(List<Principal> principals) {
        List<AclBinding> out = new ArrayList<>();
        for (Principal p : principals) {
            for (Grant g : p.grants()) {
                ResourcePattern resource = new ResourcePattern(resourceType(g), g.name(),
                        g.pattern() == AccessPlan.Pattern.LITERAL ? PatternType.LITERAL : PatternType.PREFIXED);
                for (Operation o : g.operations()) {
                    out.add(new AclBinding(resource,
                            new AccessControlEntry(p.kafkaPrincipal(), "*", operation(o), AclPermissionType.ALLOW)));
                }
            }
        }
        return out;
    }

    /**
     * Creates every binding of the plan and returns how many were sent, once a broker's authorizer answers with all
     * of them: the controller commits them before the brokers have read them from the metadata log, and a client
     * started in that gap is refused for good (a TopicAuthorizationException is not retried).
     */
    public static int apply(Admin admin, List<Principal> principals) throws ExecutionException, InterruptedException {
        List<AclBinding> bindings = bindings(principals);
        admin.createAcls(bindings).all().get();
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(bindings)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ACLs were created but a broker did not list them all within "
                        + VISIBLE_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        return bindings.size();
    }

    private static ResourceType resourceType(Grant g) {
        return switch (g.type()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
        };
    }

    private static AclOperation operation(Operation o) {
        return switch (o) {
            case READ -> AclOperation.READ;
            case WRITE -> AclOperation.WRITE;
            case DESCRIBE -> AclOperation.DESCRIBE;
            case DESCRIBE_CONFIGS -> AclOperation.DESCRIBE_CONFIGS;
            case ALL -> AclOperation.ALL;
        };
    }
}
