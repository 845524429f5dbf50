package io.mmsguard.inspection.profile;

import io.mmsguard.avro.ComfortSettings;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.List;

/**
 * Client comfort and the sender address (FORTICARRIER.md 1.1, 1.2): settings of the HTTP interfaces MM1 and MM7
 * only, so a value other than the default on MM3 or MM4 is a mistake the operator should hear about. The comfort
 * interval and amount have FortiOS's 32-bit ranges cut to what a trickle can use: a first byte after an hour comes
 * after every client has given up, and a trickle is the first octets of the answer (a few dozen).
 */
final class HttpInterfaceRule implements ProfileRule {

    static final int MAX_COMFORT_INTERVAL_SECONDS = 3600;
    static final int MAX_COMFORT_AMOUNT_BYTES = 1024;

    private static final ComfortSettings DEFAULT_COMFORT = ComfortSettings.newBuilder().build();
    private static final SenderAddressSettings DEFAULT_SENDER = SenderAddressSettings.newBuilder().build();

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        for (MmsInterface mmsInterface : Interfaces.ALL) {
            InterfaceSettings s = Interfaces.settings(profile, mmsInterface);
            String at = Interfaces.field(mmsInterface);
            boolean http = mmsInterface == MmsInterface.MM1 || mmsInterface == MmsInterface.MM7;
            if (!http && !DEFAULT_COMFORT.equals(s.getComfort())) {
                problems.add(new ValidationProblem(at + ".comfort", "applies to MM1 and MM7 only"));
            }
            if (!http && !DEFAULT_SENDER.equals(s.getSenderAddress())) {
                problems.add(new ValidationProblem(at + ".senderAddress", "applies to MM1 and MM7 only"));
            }
            comfort(at + ".comfort", s.getComfort(), problems);
            sender(at + ".senderAddress", s.getSenderAddress(), problems);
        }
    }

    private static void comfort(String at, ComfortSettings c, List<ValidationProblem> problems) {
        Ranges.check(at + ".intervalSeconds", c.getIntervalSeconds(), 1, MAX_COMFORT_INTERVAL_SECONDS, problems);
        Ranges.check(at + ".amountBytes", c.getAmountBytes(), 1, MAX_COMFORT_AMOUNT_BYTES, problems);
    }

    private static void sender(String at, SenderAddressSettings s, List<ValidationProblem> problems) {
        Ranges.known(at + ".source", s.getSource(), problems);
        if (!Addresses.isToken(s.getName())) {
            problems.add(new ValidationProblem(at + ".name", "\"" + s.getName()
                    + "\" is not an HTTP header or cookie name (letters, digits and !#$%&'*+.^_`|~-)"));
        }
    }
}
