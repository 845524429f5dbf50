package io.mmsguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The benchmark programs' command lines and result files, one way for all of them. */
public final class BenchArgs {
    private BenchArgs() {
    }

    /** {@code --name=value} arguments in their order; a bare {@code --flag} is "true" ({@code --help} too). */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return options;
    }

    /** Prints the machine's load average and the Markdown; with {@code --out=DIR}, writes NAME.json and NAME.md. */
    public static void report(Map<String, String> options, String name, Object rows, CharSequence markdown)
            throws IOException {
        System.out.printf("%nmachine: %d processors, load average %s%n%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(markdown);
        if (options.containsKey("out")) {
            Path out = Files.createDirectories(Path.of(options.get("out")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(name + ".json")
                    .toFile(), rows);
            Files.writeString(out.resolve(name + ".md"), markdown);
        }
    }
}
