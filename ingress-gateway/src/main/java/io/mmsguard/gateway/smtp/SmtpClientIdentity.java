package io.mmsguard.gateway.smtp;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who an SMTP client is, as far as its connection shows: its address, the names of the TLS client certificate it
 * presented (empty without one) and the SMTP AUTH user it authenticated as (null when it did not).
 */
public record SmtpClientIdentity(InetSocketAddress address, List<String> certificateNames, String user) {

    public SmtpClientIdentity {
        certificateNames = List.copyOf(certificateNames);
    }
}
