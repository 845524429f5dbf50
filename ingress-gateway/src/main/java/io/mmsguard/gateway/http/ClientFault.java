package io.mmsguard.gateway.http;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;

/**
 * Whether an exception from a listener connection's pipeline is the client's own doing, not a failure of the
 * gateway: its connection reset or broken, closed in the middle of a request, or bytes that are not TLS where TLS
 * was agreed. Such a connection is closed with one line in the log: anyone can cause it, as often as they like.
 */
public final class ClientFault {
    private ClientFault() {
    }

    public static boolean is(Throwable cause) {
        return cause instanceof IOException || cause instanceof PrematureChannelClosureException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException;
    }
}
