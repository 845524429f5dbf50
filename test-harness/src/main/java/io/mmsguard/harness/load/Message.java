package io.mmsguard.harness.load;

/**
 * One message the driver sends.
 *
 * @param transactionId unique per message: MM1 and MM4 X-Mms-Transaction-ID, MM7 TransactionID, the MM3 Message-ID
 *                      (so it contains {@code @}); what the MMSC stub records
 * @param iface         where it goes
 * @param sender        the sender's MSISDN ({@code +...}), also for MM3 as the local part of the mail address
 * @param eicar         whether it carries the EICAR test file as an attachment
 * @param flood         whether it belongs to a flood sender's burst
 */
public record Message(String transactionId, Iface iface, String sender, boolean eicar, boolean flood) {
}
