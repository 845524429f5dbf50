package io.mmsguard.deploy.manifests;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;

/** The Jackson mapper that parses objects into the Kubernetes and Strimzi models strictly. */
final class StrictModelMapper {
    private StrictModelMapper() {
    }

    /**
     * FAIL_ON_UNKNOWN_PROPERTIES alone would accept anything: the Strimzi and fabric8 models keep unknown fields in
     * an any-setter map. Without their any-setters an unknown field fails, naming its path.
     */
    static ObjectMapper create() {
        SimpleModule strict = new SimpleModule("strict");
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                return builder;
            }
        });
        return new ObjectMapper().registerModule(strict)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
