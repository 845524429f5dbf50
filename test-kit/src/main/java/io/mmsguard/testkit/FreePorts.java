package io.mmsguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free loopback ports for servers that must be told their port before they bind. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A port that was free a moment ago. The window between closing the probe socket and the server binding
     * it is small; callers that can bind port 0 themselves should do that instead.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
