package io.mmsguard.schemas.serde;

import static io.mmsguard.schemas.ConfigValues.bool;

import java.util.Map;

import io.mmsguard.schemas.registry.RegistryClientConfig;

/**
 * The serde's own settings, under Confluent's key names (the registry client's are in
 * {@link RegistryClientConfig}).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>auto.register.schemas</td><td>register the record's schema on first use (default true)</td></tr>
 * <tr><td>use.latest.version</td><td>write with the subject's latest schema instead (default false)</td></tr>
 * <tr><td>key.subject.name.strategy, value.subject.name.strategy</td><td>TopicNameStrategy (default), RecordNameStrategy, TopicRecordNameStrategy</td></tr>
 * <tr><td>specific.avro.reader</td><td>deserialize into generated classes rather than GenericRecord (default false)</td></tr>
 * <tr><td>avro.use.logical.type.converters</td><td>generic records carry Instant, UUID, BigDecimal... for logical types (default false)</td></tr>
 * </table>
 */
public final class AvroSerdeConfig {
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";

    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final SubjectNameStrategy subjectNameStrategy;
    private final boolean specificReader;
    private final boolean logicalTypeConverters;

    private AvroSerdeConfig(Map<String, ?> configs, boolean isKey) {
        this.autoRegister = bool(configs, AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = bool(configs, USE_LATEST_VERSION, false);
        Object strategy = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        this.subjectNameStrategy = strategy == null ? new SubjectNameStrategy.TopicNameStrategy()
                : strategy instanceof SubjectNameStrategy s ? s
                : SubjectNameStrategy.forName(strategy instanceof Class<?> c ? c.getName() : String.valueOf(strategy));
        this.specificReader = bool(configs, SPECIFIC_AVRO_READER, false);
        this.logicalTypeConverters = bool(configs, USE_LOGICAL_TYPE_CONVERTERS, false);
    }

    public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        return new AvroSerdeConfig(configs, isKey);
    }

    public boolean autoRegister() {
        return autoRegister;
    }

    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    public SubjectNameStrategy subjectNameStrategy() {
        return subjectNameStrategy;
    }

    public boolean specificReader() {
        return specificReader;
    }

    public boolean logicalTypeConverters() {
        return logicalTypeConverters;
    }
}
