package io.mmsguard.codec.mm1;

/**
 * X-Mms-Expiry, -Delivery-Time and -Reply-Charging-Deadline. The token and the raw number are kept as sent:
 * converting a relative value with a local clock (as AOSP does) would change the message.
 *
 * @param relative true for Relative-token (delta seconds), false for Absolute-token (seconds since the epoch)
 * @param seconds  delta seconds or epoch seconds
 */
public record MmsTime(boolean relative, long seconds) {
    public static MmsTime relative(long deltaSeconds) {
        return new MmsTime(true, deltaSeconds);
    }

    public static MmsTime absolute(long epochSeconds) {
        return new MmsTime(false, epochSeconds);
    }
}
