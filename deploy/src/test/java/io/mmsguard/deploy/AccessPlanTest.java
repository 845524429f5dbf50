package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmsguard.deploy.AccessPlan.Grant;
import io.mmsguard.deploy.AccessPlan.Operation;
import io.mmsguard.deploy.AccessPlan.Principal;
import io.mmsguard.deploy.AccessPlan.ResourceType;
import io.mmsguard.schemas.Topics;
import org.junit.jupiter.api.Test;

/** Who may write and read each topic of TopicPlan, as the plan says (the broker's view is AccessPlanIntegrationTest). */
class AccessPlanTest {

    static Set<String> principalsThat(Operation operation, String topic) {
        return AccessPlan.principals().stream().filter(p -> may(p, operation, topic)).map(Principal::name)
                .collect(Collectors.toSet());
    }

    static boolean may(Principal p, Operation operation, String topic) {
        return p.grants().stream().anyMatch(g -> g.type() == ResourceType.TOPIC && matches(g, topic)
                && (g.operations().contains(operation) || g.operations().contains(Operation.ALL)));
    }

    private static boolean matches(Grant g, String name) {
        return g.pattern() == AccessPlan.Pattern.LITERAL ? g.name().equals(name) : name.startsWith(g.name());
    }

    @Test
    void onlyTheInspectionPrincipalWritesDecisionsTheArchiveAlertsAndTheInspectionLog() {
        for (String topic : List.of(Topics.DECISIONS, Topics.ARCHIVE, Topics.ALERTS, Topics.INSPECTION_LOG)) {
            assertThat(principalsThat(Operation.WRITE, topic)).as(topic).containsExactly(AccessPlan.INSPECTION);
        }
    }

    @Test
    void onlyTheOperatorWritesProfilesAndEndpointLists() {
        for (String topic : AccessPlan.OPERATOR_TOPICS) {
            assertThat(principalsThat(Operation.WRITE, topic)).as(topic).containsExactly(AccessPlan.OPERATOR);
        }
        assertThat(AccessPlan.OPERATOR_TOPICS).contains(Topics.PROFILES, Topics.ENDPOINT_LISTS, Topics.CONFIG_AUDIT);
    }

    @Test
    void theInspectionPrincipalWritesTheConfigStatusAndTheOperatorReadsIt() {
        assertThat(principalsThat(Operation.WRITE, Topics.CONFIG_STATUS)).containsExactly(AccessPlan.INSPECTION);
        assertThat(principalsThat(Operation.READ, Topics.CONFIG_STATUS)).containsExactly(AccessPlan.OPERATOR);
    }

    @Test
    void onlyTheOperatorHoldsTheConfigTransactionalIdAndAnalystsReadTheAudit() {
        assertThat(AccessPlan.principals()).filteredOn(p -> p.grants().stream().anyMatch(g ->
                        g.type() == ResourceType.TRANSACTIONAL_ID && matches(g, AccessPlan.CONFIG_TRANSACTIONAL_ID)))
                .extracting(Principal::name).containsExactly(AccessPlan.OPERATOR);
        assertThat(principalsThat(Operation.READ, Topics.CONFIG_AUDIT))
                .containsExactlyInAnyOrder(AccessPlan.OPERATOR, AccessPlan.ANALYST);
    }

    @Test
    void gatewaysWriteInboundAndReadDecisionsAndProfilesOnly() {
        assertThat(principalsThat(Operation.WRITE, Topics.INBOUND)).containsExactly(AccessPlan.GATEWAY);
        Principal gateway = AccessPlan.principal(AccessPlan.GATEWAY);
        assertThat(TopicPlan.embedded()).allSatisfy(t -> assertThat(may(gateway, Operation.WRITE, t.name()))
                .as(t.name()).isEqualTo(t.name().equals(Topics.INBOUND)));
        assertThat(TopicPlan.embedded()).allSatisfy(t -> assertThat(may(gateway, Operation.READ, t.name()))
                .as(t.name()).isEqualTo(Set.of(Topics.DECISIONS, Topics.PROFILES).contains(t.name())));
    }

    @Test
    void theAnalystReadsTheArchiveAndTheInspectionLogAndWritesNothing() {
        Principal analyst = AccessPlan.principal(AccessPlan.ANALYST);
        assertThat(TopicPlan.embedded()).allSatisfy(t -> {
            assertThat(may(analyst, Operation.WRITE, t.name())).as(t.name()).isFalse();
            assertThat(may(analyst, Operation.READ, t.name())).as(t.name())
                    .isEqualTo(AccessPlan.ANALYST_TOPICS.contains(t.name()));
        });
    }

    @Test
    void everyTopicOfThePlanHasAWriterAndAReader() {
        assertThat(TopicPlan.embedded()).allSatisfy(t -> {
            assertThat(principalsThat(Operation.WRITE, t.name())).as("writers of " + t.name()).isNotEmpty();
            assertThat(principalsThat(Operation.READ, t.name())).as("readers of " + t.name()).isNotEmpty();
        });
    }

    @Test
    void noPrincipalIsGrantedEveryTopic() {
        assertThat(AccessPlan.principals()).flatExtracting(Principal::grants)
                .filteredOn(g -> g.type() == ResourceType.TOPIC)
                .allSatisfy(g -> assertThat(g.name()).isNotIn("*", "", "mms."));
    }
}
