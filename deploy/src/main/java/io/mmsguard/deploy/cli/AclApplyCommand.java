package io.mmsguard.deploy.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.deploy.KafkaAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mmsguard acl apply}: creates every ACL of the plan on the cluster, as a super user (compose's topic step).
 * Kafka only: the registry settings of the connection are not used.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create the ACLs of every mmsguard principal on the Kafka cluster (Admin createAcls). Run as a"
                + " super user: the security settings come from --config (kafka.*) or MMSGUARD_KAFKA_* variables."
                + " Existing ACLs are kept; applying twice is harmless."})
public final class AclApplyCommand extends CliCommand {
    @Mixin
    ConnectionOptions connection;

    @Override
    protected int execute() {
        Connection c = connection.resolve(System.getenv());
        Map<String, Object> admin = new HashMap<>(c.kafka());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Connection.TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Connection.TIMEOUT.toMillis());
        try (Admin client = Admin.create(admin)) {
            int n = KafkaAcls.apply(client, AccessPlan.principals());
            out().println(n + " ACLs of " + AccessPlan.principals().size() + " principals applied at "
                    + c.bootstrapServers());
            return ExitCodes.OK;
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new CliException(ExitCodes.FAILED, "cannot create the ACLs at " + c.bootstrapServers() + ": "
                    + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted", e);
        }
    }
}
