package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.notifier.app.NotifierConfig;
import io.mmsguard.service.ConfigKey;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The keys each service declares agree with docs/configuration.md (every declared key is documented in the service's
 * section, every documented key is declared, with its default) and with the defaults the service applies.
 */
class ServiceKeysTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern KEY = Pattern.compile("[a-z0-9{},.<>-]+\\.[a-z0-9{},.<>-]+");
    private static final Pattern BRACES = Pattern.compile("\\{([^}]*)}");
    private static final Map<String, String> REQUIRED = Map.of("kafka.bootstrap.servers", "k:9092",
            "serde.schema.registry.url", "http://r:8081");

    /** Each service with its section heading in the doc and settings under which it reads every key. */
    enum Service {
        GATEWAY("## Ingress gateway", GatewayConfig.KEYS, GatewayConfig::from, Map.ofEntries(
                Map.entry("mm1.upstream", "http://mmsc:8002/mms"),
                Map.entry("mm7.enabled", "true"),
                Map.entry("mm7.upstream", "http://mmsc:8003/mm7"),
                Map.entry("mm3.enabled", "true"),
                Map.entry("mm3.upstream", "mmsc:25"),
                Map.entry("mm4.enabled", "true"),
                Map.entry("mm4.upstream", "mmsc:26"),
                Map.entry("mm4.system-address", "system@mms.example.org"),
                Map.entry("mm3.local-domains", "mms.example.org"),
                Map.entry("mm4.peers", "any"),
                Map.entry("mm7.vasp.tnn", "tnn-7Qe9x-vasp-pass"))),
        STREAMS("## Inspection service", InspectionConfig.KEYS, InspectionConfig::from, Map.of()),
        NOTIFIER("## Notifier", NotifierConfig.KEYS, NotifierConfig::from, Map.of());

        final String heading;
        final ConfigKeys keys;
        final Function<Settings, Object> from;
        final Map<String, String> everythingOn;

        Service(String heading, ConfigKeys keys, Function<Settings, Object> from, Map<String, String> everythingOn) {
            this.heading = heading;
            this.keys = keys;
            this.from = from;
            this.everythingOn = everythingOn;
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void theDocListsExactlyTheDeclaredKeysWithTheirDefaults(Service service) throws IOException {
        Map<String, String> documented = documentedKeys(service.heading);

        assertThat(documented.keySet()).as("documented in docs/configuration.md, section " + service.heading)
                .containsExactlyInAnyOrderElementsOf(service.keys.all().stream().map(ConfigKey::name).toList());
        for (ConfigKey key : service.keys.all()) {
            if (key.defaultValue() != null) {
                // The default as a word of the cell: 1000 is not documented by 10000.
                assertThat(documented.get(key.name())).as(key.name() + " default")
                        .containsPattern("(?<![\\w.:/-])" + Pattern.quote(key.defaultValue()) + "(?![\\w.:/-])");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void theDeclaredDefaultsAreTheOnesTheServiceApplies(Service service) {
        Map<String, String> base = new HashMap<>(REQUIRED);
        base.putAll(service.everythingOn);
        service.keys.defaults().forEach((key, value) -> {
            Map<String, String> without = new HashMap<>(base);
            without.remove(key);
            Map<String, String> with = new HashMap<>(without);
            with.put(key, value);

            assertThat(service.from.apply(Settings.of(with))).as(key)
                    .isEqualTo(service.from.apply(Settings.of(without)));
        });
    }

    /** The keys in the first column of the section's key tables, braces expanded, with their row's default cell. */
    private static Map<String, String> documentedKeys(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../docs/configuration.md"));
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith(heading)).findFirst().orElseThrow());
        Map<String, String> keys = new LinkedHashMap<>();
        boolean keyTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                keyTable = false;
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells[1].trim().equals("key")) {
                keyTable = true;
                continue;
            }
            if (!keyTable || cells.length < 3) {
                continue;
            }
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                if (KEY.matcher(code.group(1)).matches()) {
                    expand(code.group(1)).forEach(k -> keys.put(k, cells[2]));
                }
            }
        }
        return keys;
    }

    /** {@code mm{1,7}.x} -> {@code mm1.x}, {@code mm7.x}. */
    private static List<String> expand(String key) {
        Matcher m = BRACES.matcher(key);
        if (!m.find()) {
            return List.of(key);
        }
        List<String> out = new ArrayList<>();
        for (String alternative : m.group(1).split(",")) {
            out.addAll(expand(key.substring(0, m.start()) + alternative + key.substring(m.end())));
        }
        return out;
    }
}
