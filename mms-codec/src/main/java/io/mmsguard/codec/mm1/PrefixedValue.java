package io.mmsguard.codec.mm1;

/**
 * A Value-length form with a leading number: Previously-Sent-By/-Date (forwarded count, then an
 * {@link EncodedString} or a {@link Long} date), MM-Flags (token 0x80-0x82, then an {@link EncodedString}),
 * Mbox-Totals/-Quotas (token, then a {@link Long}).
 *
 * @param prefix the count, or the token octet (0x80..)
 * @param value  {@link EncodedString} or {@link Long}
 */
public record PrefixedValue(long prefix, Object value) {
}
