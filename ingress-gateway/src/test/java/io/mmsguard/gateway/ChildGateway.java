package io.mmsguard.gateway;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.mmsguard.service.Settings;

/**
 * A gateway alone in a JVM, for tests that need it as a separate process (a heap of its own): reads its settings
 * from a properties file, starts, then writes {@code <listener>=<port>} for every listener it runs ({@code mm1},
 * {@code mm7}, {@code mm3}, {@code mm4}) and {@code http=<port>} to the ports file (atomically, so the test never reads
 * half of it) and runs until it is stopped by its PID.
 *
 * <p>{@code java ... io.mmsguard.gateway.ChildGateway <settings.properties> <ports.properties>}
 */
public final class ChildGateway {
    private ChildGateway() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Map<String, String> settings = new HashMap<>();
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
        GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(settings)));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-stop"));
        Path ports = Path.of(args[1]);
        Path tmp = ports.resolveSibling(ports.getFileName() + ".tmp");
        StringBuilder bound = new StringBuilder("http=" + gateway.httpPort() + "\n");
        for (String listener : new String[] {"mm1", "mm7", "mm3", "mm4"}) {
            String enabledByDefault = String.valueOf(listener.equals("mm1"));
            if (Boolean.parseBoolean(settings.getOrDefault(listener + ".enabled", enabledByDefault))) {
                bound.append(listener).append('=').append(gateway.port(listener)).append('\n');
            }
        }
        Files.writeString(tmp, bound);
        Files.move(tmp, ports, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
