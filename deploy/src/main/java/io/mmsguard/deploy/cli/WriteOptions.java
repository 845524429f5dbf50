package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the commands that write a new version (apply, rollback): who, and how long to wait for it. */
public final class WriteOptions {
    static final String DEFAULT_WAIT = "30s";

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who makes the change, for the audit. Default: $" + Author.ENV + ", else the OS user.")
    String author;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = DEFAULT_WAIT, converter = DurationConverter.class,
            description = "How long to wait until the inspection service reports the new versions in force or"
                    + " rejected (30s, 2m, 500ms). Default: ${DEFAULT-VALUE}.")
    Duration waitFor;

    @Option(names = "--no-wait", description = "Do not wait for the inspection service; exit once written.")
    boolean noWait;

    Author author() {
        return Author.resolve(Optional.ofNullable(author));
    }

    /** Durations as the services' configuration writes them (Settings): a number with ms, s, m, h or d. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = Settings.of(Map.of("wait", value)).duration("wait", Duration.ZERO);
                if (d.isNegative() || d.isZero()) {
                    throw new CommandLine.TypeConversionException("\"" + value + "\" must be positive");
                }
                return d;
            } catch (ConfigException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
