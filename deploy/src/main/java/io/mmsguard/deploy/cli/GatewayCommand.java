package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.service.Settings;

import picocli.CommandLine.Command;

/** {@code mmsguard gateway}: the ingress gateway alone. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the ingress gateway alone: the enabled MM1/MM7 (HTTP) and MM3/MM4 (SMTP) listeners, which"
                + " publish every message for inspection and relay it upstream when allowed, and its admin HTTP"
                + " server (/metrics, /health/ready). Kafka and the schema registry are probed first"
                + " (describeCluster; GET /subjects). Runs until SIGTERM or Ctrl-C."})
public final class GatewayCommand extends ServiceCommand<GatewayConfig> {

    @Override
    String docSection() {
        return "Ingress gateway";
    }

    @Override
    List<String> keys() {
        return GatewayConfig.KEYS;
    }

    @Override
    List<String> passThrough() {
        return GatewayConfig.PASS_THROUGH;
    }

    @Override
    GatewayConfig configure(Settings settings) {
        return GatewayConfig.from(settings);
    }

    @Override
    Map<String, String> kafka(GatewayConfig config) {
        return config.kafka();
    }

    @Override
    Map<String, String> serde(GatewayConfig config) {
        return config.serde();
    }

    @Override
    Running start(GatewayConfig config) throws Exception {
        GatewayService gateway = GatewayService.start(config);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("gateway %s: admin HTTP on %s:%d (/metrics, /health/ready)", config.gatewayId(),
                config.httpHost(), gateway.httpPort()));
        config.mm1().ifPresent(l -> lines.add(String.format("  MM1 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm1"), l.proxy().upstream())));
        config.mm7().ifPresent(l -> lines.add(String.format("  MM7 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm7"), l.proxy().upstream())));
        config.mm3().ifPresent(l -> lines.add(String.format("  MM3 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm3"), l.upstream())));
        config.mm4().ifPresent(l -> lines.add(String.format("  MM4 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm4"), l.upstream())));
        return new Running(gateway, gateway.httpPort(), lines, null);
    }
}
