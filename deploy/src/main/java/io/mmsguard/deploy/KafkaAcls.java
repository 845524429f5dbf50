package io.mmsguard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.mmsguard.deploy.AccessPlan.Grant;
import io.mmsguard.deploy.AccessPlan.Operation;
import io.mmsguard.deploy.AccessPlan.Principal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
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

    /** Creates every binding of the plan; returns how many were sent. */
    public static int apply(Admin admin, List<Principal> principals) throws ExecutionException, InterruptedException {
        List<AclBinding> bindings = bindings(principals);
        admin.createAcls(bindings).all().get();
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
