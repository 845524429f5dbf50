package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** {@code --since}: a time back from now (90m, 24h, 7d) or an ISO-8601 time as {@link IsoTime} reads it. */
final class Since implements CommandLine.ITypeConverter<Instant> {
    private static final Pattern AGO = Pattern.compile("(\\d{1,6})([smhd])");

    @Override
    public Instant convert(String value) {
        Matcher m = AGO.matcher(value.trim());
        if (!m.matches()) {
            try {
                return new IsoTime().convert(value);
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" is neither a time back from now"
                        + " (90m, 24h, 7d) nor an ISO-8601 time (2026-11-24T10:00:00Z, 2026-11-24T11:00:00+01:00,"
                        + " 2026-11-24)");
            }
        }
        long n = Long.parseLong(m.group(1));
        Duration ago = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return Instant.now().minus(ago);
    }
}
