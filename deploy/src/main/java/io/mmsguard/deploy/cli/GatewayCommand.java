package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.service.log.UserInfo;

import picocli.CommandLine.Command;

/** {@code mmsguard gateway}: the ingress gateway alone. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the ingress gateway alone: the enabled MM1/MM7 (HTTP) and MM3/MM4 (SMTP) listeners, which"
                + " publish every message for inspection and relay it upstream when allowed, and its admin HTTP"
                + " server (/metrics, /health/ready). Kafka and the schema registry are probed first"
                + " (describeCluster; GET /subjects). Runs until SIGTERM or Ctrl-C."})
public final class GatewayCommand extends ServiceCommand<GatewayConfig> {

    public GatewayCommand() {
        super(new Configuration<>("Ingress gateway", GatewayConfig.KEYS, GatewayConfig::from, GatewayConfig::kafka,
                GatewayConfig::serde));
    }

    @Override
    Running start(GatewayConfig config) throws Exception {
        GatewayService gateway = GatewayService.start(config);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("gateway %s: admin HTTP on %s:%d (/metrics, /health/ready)", config.gatewayId(),
                config.httpHost(), gateway.httpPort()));
        config.mm1().ifPresent(l -> lines.add(String.format("  MM1 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm1"), UserInfo.mask(l.proxy().upstream()))));
        config.mm7().ifPresent(l -> lines.add(String.format("  MM7 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm7"), UserInfo.mask(l.proxy().upstream()))));
        config.mm3().ifPresent(l -> lines.add(String.format("  MM3 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm3"), l.upstream())));
        config.mm4().ifPresent(l -> lines.add(String.format("  MM4 on %s:%d -> %s", l.listener().host(),
                gateway.port("mm4"), l.upstream())));
        return new Running(gateway, gateway.httpPort(), lines, null);
    }
}
