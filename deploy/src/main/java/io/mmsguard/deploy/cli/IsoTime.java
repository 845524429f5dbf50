package io.mmsguard.deploy.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/** Times on the command line: an ISO-8601 instant, a date-time with offset, or a date (midnight UTC). */
final class IsoTime implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new CommandLine.TypeConversionException("\"" + value
                            + "\" is not an ISO-8601 time (2026-11-24T10:00:00Z, 2026-11-24T11:00:00+01:00 or 2026-11-24)");
                }
            }
        }
    }
}
