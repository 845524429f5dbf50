package io.mmsguard.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mmsguard.schemas.Contract;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.registry.SchemaRegistryClient;

/**
 * Registers every contract's schema under its subject: the deploy step that lets the services run with
 * {@code auto.register.schemas} off (compose's and Kubernetes' schemas step, {@code mmsguard schemas register}, the
 * embedded mode's start). Registering a schema the subject already has returns its id and changes nothing; a schema
 * the subject's compatibility rule refuses fails here, before any service writes with it.
 */
public final class ContractSchemas {
    private ContractSchemas() {
    }

    /** Subject to schema id of every contract. */
    public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Contract<?> contract : Contracts.ALL) {
            ids.put(contract.subject(), registry.register(contract.subject(), contract.schema()));
        }
        return Collections.unmodifiableMap(ids);
    }
}
