package io.mmsguard.inspection.profile;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every field of {@code MmsProfile} and {@code EndpointList}, by record and field name, with what checks it: a
 * rule of {@link ProfileValidator#standard()}, or the reason any value the type admits is meaningful. A test walks
 * the Avro schemas and fails when a field is on neither list, so that a new field cannot be forgotten.
 */
public final class ProfileFields {

    private static final String BOOLEAN = "a boolean: both values are meaningful";
    private static final String TEXT = "free text, never interpreted";
    private static final String AUDIT = "stamped by mmsguard config apply, never read by a service";
    private static final String SCAN = "ScanProfileMapper (the scanners' own validation)";
    private static final String THRESHOLD = "ThresholdRule";
    private static final String NOTIFICATION = "NotificationSettingsRule";
    private static final String HTTP = "HttpInterfaceRule (MM1 and MM7 only)";
    private static final String RESPONSE = "ResponseRule";
    private static final String RECIPIENT = "RecipientRule";
    private static final String PREFIX = "EndpointPrefixRule";
    private static final String MM7_ID = "an MM7 identifier the MMSC assigned: any string it gave is sent as it is";

    /** Field ({@code Record.field}) to the rule that checks it. */
    public static final Map<String, String> VALIDATED = sorted(Map.ofEntries(
            Map.entry("MmsProfile.name", "NameRule; ProfileCatalog checks it against the record key"),
            Map.entry("MmsProfile.endpointLists", "EndpointListRule"),
            Map.entry("MmsProfile.bannedWordThreshold", SCAN),
            Map.entry("MmsProfile.bannedWords", SCAN),
            Map.entry("MmsProfile.fileFilter", SCAN),
            Map.entry("MmsProfile.checksums", SCAN),
            Map.entry("MmsProfile.virusNotifications", RECIPIENT),
            Map.entry("MmsProfile.endpointPrefix", PREFIX),
            Map.entry("MmsProfile.replacementMessages", RESPONSE),
            Map.entry("MmsProfile.blockStatuses", RESPONSE),
            Map.entry("MmsProfile.notifMsisdn", RECIPIENT + ", ThresholdRefRule"),
            Map.entry("MmsProfile.unpack", SCAN),
            Map.entry("InterfaceSettings.archive", "InterfaceRule"),
            Map.entry("InterfaceSettings.oversizeLimitKb", SCAN),
            Map.entry("InterfaceSettings.oversizeAction", SCAN),
            Map.entry("InterfaceSettings.retrieveDuplicate", "InterfaceRule (MM1 only)"),
            Map.entry("InterfaceSettings.comfort", HTTP),
            Map.entry("InterfaceSettings.senderAddress", HTTP),
            Map.entry("InterfaceSettings.flood", THRESHOLD),
            Map.entry("InterfaceSettings.duplicate", THRESHOLD),
            Map.entry("InterfaceSettings.similar", THRESHOLD),
            Map.entry("InterfaceSettings.shadow", "ShadowRule"),
            Map.entry("InterfaceSettings.notification", NOTIFICATION),
            Map.entry("ComfortSettings.intervalSeconds", HTTP),
            Map.entry("ComfortSettings.amountBytes", HTTP),
            Map.entry("SenderAddressSettings.source", HTTP),
            Map.entry("SenderAddressSettings.name", HTTP),
            Map.entry("Threshold.windowMinutes", THRESHOLD),
            Map.entry("Threshold.limit", THRESHOLD),
            Map.entry("Threshold.actions", THRESHOLD),
            Map.entry("Threshold.blockTimeMinutes", THRESHOLD),
            Map.entry("Threshold.enabled", THRESHOLD + " (enabled in order)"),
            Map.entry("NotificationSettings.rules", NOTIFICATION),
            Map.entry("NotificationSettings.rateLimitPerSecond", NOTIFICATION),
            Map.entry("NotificationSettings.allowedDays", NOTIFICATION),
            Map.entry("NotificationSettings.windowStartMinute", NOTIFICATION),
            Map.entry("NotificationSettings.windowEndMinute", NOTIFICATION),
            Map.entry("NotificationSettings.timeZone", NOTIFICATION),
            Map.entry("NotificationSettings.delivery", NOTIFICATION),
            Map.entry("NotificationSettings.templates", NOTIFICATION),
            Map.entry("NotificationRule.type", NOTIFICATION),
            Map.entry("NotificationRule.interval", NOTIFICATION),
            Map.entry("NotificationRule.intervalUnit", NOTIFICATION),
            Map.entry("NotificationDelivery.method", NOTIFICATION),
            Map.entry("NotificationDelivery.mm7Operation", NOTIFICATION),
            Map.entry("NotificationDelivery.mmscUrl", NOTIFICATION),
            Map.entry("NotificationDelivery.credentialsRef", NOTIFICATION),
            Map.entry("NotificationDelivery.fromAddress", NOTIFICATION),
            Map.entry("NotificationDelivery.userDomain", NOTIFICATION),
            Map.entry("NotificationTemplate.type", NOTIFICATION),
            Map.entry("NotificationTemplate.text", NOTIFICATION),
            Map.entry("BannedWord.pattern", SCAN),
            Map.entry("BannedWord.patternType", SCAN),
            Map.entry("BannedWord.action", SCAN),
            Map.entry("BannedWord.score", SCAN),
            Map.entry("FileFilterEntry.pattern", SCAN),
            Map.entry("FileFilterEntry.matchOn", SCAN),
            Map.entry("FileFilterEntry.patternType", SCAN),
            Map.entry("FileFilterEntry.action", SCAN),
            Map.entry("ChecksumEntry.name", SCAN),
            Map.entry("ChecksumEntry.crc32", SCAN),
            Map.entry("VirusNotificationEntry.name", RECIPIENT),
            Map.entry("EndpointPrefix.enabled", PREFIX + " (a prefix is required when enabled)"),
            Map.entry("EndpointPrefix.prefix", PREFIX),
            Map.entry("EndpointPrefix.minLength", PREFIX),
            Map.entry("EndpointPrefix.maxLength", PREFIX),
            Map.entry("ReplacementMessage.mmsInterface", RESPONSE),
            Map.entry("ReplacementMessage.reason", RESPONSE),
            Map.entry("ReplacementMessage.direction", RESPONSE),
            Map.entry("BlockStatus.reason", RESPONSE),
            Map.entry("BlockStatus.status", RESPONSE),
            Map.entry("ResponseStatus.mm1ResponseStatus", RESPONSE),
            Map.entry("ResponseStatus.mm3ReplyCode", RESPONSE),
            Map.entry("ResponseStatus.mm3EnhancedStatus", RESPONSE),
            Map.entry("ResponseStatus.mm4RequestStatus", RESPONSE),
            Map.entry("ResponseStatus.mm7StatusCode", RESPONSE),
            Map.entry("NotifMsisdn.msisdn", RECIPIENT),
            Map.entry("NotifMsisdn.thresholds", "ThresholdRefRule"),
            Map.entry("NotifMsisdn.types", RECIPIENT),
            Map.entry("ThresholdRef.kind", "ThresholdRefRule"),
            Map.entry("ThresholdRef.index", "ThresholdRefRule"),
            Map.entry("ThresholdRef.mmsInterface", "ThresholdRefRule"),
            Map.entry("UnpackSettings.maxDepth", SCAN),
            Map.entry("UnpackSettings.maxEntries", SCAN),
            Map.entry("UnpackSettings.maxTotalKb", SCAN),
            Map.entry("UnpackSettings.maxMemberKb", SCAN),
            Map.entry("UnpackSettings.maxRatio", SCAN),
            Map.entry("UnpackSettings.unscannableAction", SCAN),
            Map.entry("EndpointList.name", "ScanProfileMapper.endpointList"),
            Map.entry("EndpointList.entries", "ScanProfileMapper.endpointList"),
            Map.entry("EndpointEntry.pattern", "ScanProfileMapper.endpointList"),
            Map.entry("EndpointEntry.patternType", "ScanProfileMapper.endpointList"),
            Map.entry("EndpointEntry.action", "ScanProfileMapper.endpointList")));

    /** Field ({@code Record.field}) to the reason it needs no check. */
    public static final Map<String, String> FREE = sorted(Map.ofEntries(
            Map.entry("MmsProfile.comment", TEXT),
            Map.entry("MmsProfile.audit", AUDIT),
            Map.entry("MmsProfile.mm1", "a record: its fields are listed under InterfaceSettings"),
            Map.entry("MmsProfile.mm3", "a record: its fields are listed under InterfaceSettings"),
            Map.entry("MmsProfile.mm4", "a record: its fields are listed under InterfaceSettings"),
            Map.entry("MmsProfile.mm7", "a record: its fields are listed under InterfaceSettings"),
            Map.entry("MmsProfile.duplicateOptions", "a record: its fields are listed under DuplicateOptions"),
            Map.entry("MmsProfile.logging", "a record of booleans, each meaningful either way"),
            Map.entry("Audit.version", AUDIT),
            Map.entry("Audit.updatedBy", AUDIT),
            Map.entry("Audit.updatedAt", AUDIT),
            Map.entry("Audit.changeNote", AUDIT),
            Map.entry("InterfaceSettings.antivirus", BOOLEAN),
            Map.entry("InterfaceSettings.fileFilter", BOOLEAN),
            Map.entry("InterfaceSettings.bannedWords", BOOLEAN),
            Map.entry("InterfaceSettings.checksum", BOOLEAN),
            Map.entry("InterfaceSettings.endpointFilter", BOOLEAN),
            Map.entry("InterfaceSettings.monitorOnly", BOOLEAN),
            Map.entry("InterfaceSettings.removeBlocked", BOOLEAN),
            Map.entry("InterfaceSettings.failOpen", BOOLEAN),
            Map.entry("InterfaceSettings.retrieveScan", BOOLEAN + "; only MM1 has retrievals, and its default is"
                    + " true, so other interfaces cannot be told apart from the default"),
            Map.entry("InterfaceSettings.passFragmented", BOOLEAN + "; its application is the no-bypass issue's"),
            Map.entry("ComfortSettings.client", BOOLEAN),
            Map.entry("SenderAddressSettings.convertHex", BOOLEAN),
            Map.entry("NotificationRule.enabled", BOOLEAN),
            Map.entry("NotificationRule.notifySender", BOOLEAN + "; FLOOD and DUPLICATE never notify the sender"),
            Map.entry("NotificationDelivery.vaspId", MM7_ID),
            Map.entry("NotificationDelivery.vasId", MM7_ID),
            Map.entry("NotificationTemplate.subject", TEXT + "; null uses the built-in subject"),
            Map.entry("BannedWord.enabled", BOOLEAN),
            Map.entry("FileFilterEntry.enabled", BOOLEAN),
            Map.entry("ChecksumEntry.enabled", BOOLEAN),
            Map.entry("VirusNotificationEntry.prefix", BOOLEAN),
            Map.entry("VirusNotificationEntry.enabled", BOOLEAN),
            Map.entry("DuplicateOptions.includeSubject", BOOLEAN),
            Map.entry("ReplacementMessage.subject", TEXT + " (a template)"),
            Map.entry("ReplacementMessage.text", TEXT + " (a template; unknown %fields% stay as written)"),
            Map.entry("LoggingSettings.endpointFilter", BOOLEAN),
            Map.entry("LoggingSettings.flood", BOOLEAN),
            Map.entry("LoggingSettings.duplicate", BOOLEAN),
            Map.entry("LoggingSettings.notification", BOOLEAN),
            Map.entry("LoggingSettings.checksum", BOOLEAN),
            Map.entry("LoggingSettings.virus", BOOLEAN),
            Map.entry("LoggingSettings.fileFilter", BOOLEAN),
            Map.entry("LoggingSettings.oversize", BOOLEAN),
            Map.entry("LoggingSettings.bannedWords", BOOLEAN),
            Map.entry("LoggingSettings.clean", BOOLEAN),
            Map.entry("UnpackSettings.enabled", BOOLEAN),
            Map.entry("EndpointList.comment", TEXT),
            Map.entry("EndpointList.enabled", BOOLEAN),
            Map.entry("EndpointList.audit", AUDIT),
            Map.entry("EndpointEntry.log", BOOLEAN),
            Map.entry("EndpointEntry.archive", BOOLEAN),
            Map.entry("EndpointEntry.enabled", BOOLEAN)));

    private ProfileFields() {
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
