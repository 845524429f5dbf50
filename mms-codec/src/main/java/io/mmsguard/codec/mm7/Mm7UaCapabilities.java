package io.mmsguard.codec.mm7;

/**
 * UACapabilities attributes (DeliverReq, DeliveryReportReq).
 *
 * @param uaProf    UAProf URL, or null
 * @param timeStamp TimeStamp attribute, or null
 */
public record Mm7UaCapabilities(String uaProf, String timeStamp) {
}
