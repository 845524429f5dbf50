package io.mmsguard.testkit;

/**
 * The text of a near-identical campaign for similar-content tests: every copy carries the recipient's name and a
 * random-looking code, so no two copies are identical (the duplicate check never sees them) yet all are similar.
 */
public final class CampaignText {
    private static final String[] NAMES = {"Anna", "Bernd", "Carla", "Dieter", "Elke", "Frank"};

    private CampaignText() {
    }

    /** Copy {@code i}: the name and the code differ from copy to copy. */
    public static String copy(int i) {
        return "Dear " + NAMES[i % NAMES.length] + ", congratulations! You have been selected to receive a "
                + "free holiday voucher worth 500 euros. To claim your prize visit our website and enter the code "
                + "X" + (7919 * (i + 3)) + "Q before Friday. Offer valid while stocks last, terms and conditions apply.";
    }
}
