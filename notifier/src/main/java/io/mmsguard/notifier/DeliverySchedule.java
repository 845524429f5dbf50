package io.mmsguard.notifier;

import io.mmsguard.avro.NotificationSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When notices may be sent: allowed days of the week and a daily window {@code [windowStartMinute,
 * windowEndMinute)} in local time of {@code zone} (FortiOS days-allowed, tod-window-start, tod-window-duration).
 * <p>
 * A window whose end is not after its start crosses midnight: 22:00-06:00 runs from 22:00 to 06:00 the next
 * morning, and an end equal to the start means a whole day from the start. Each window belongs to the day it
 * <em>starts</em> on: with days = {MONDAY} and 22:00-06:00, Monday 23:00 and Tuesday 05:00 are allowed, Monday
 * 05:00 is not. Window bounds are local wall-clock times; on a daylight-saving gap a bound that does not exist
 * moves forward by the gap, as {@link java.time.LocalDateTime#atZone} does.
 */
public final class DeliverySchedule {

    public static final int MINUTES_PER_DAY = 1440;

    /** Every day, all day, UTC. */
    public static final DeliverySchedule ALWAYS =
            new DeliverySchedule(EnumSet.allOf(DayOfWeek.class), 0, MINUTES_PER_DAY, ZoneId.of("UTC"));

    private final Set<DayOfWeek> days;
    private final int startMinute;
    private final int durationMinutes;
    private final ZoneId zone;

    /**
     * @param startMinute 0-1439
     * @param endMinute   1-1440 (exclusive); not after {@code startMinute} wraps past midnight
     */
    public DeliverySchedule(Set<DayOfWeek> days, int startMinute, int endMinute, ZoneId zone) {
        if (startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("window start must be 0-1439: " + startMinute);
        }
        if (endMinute < 1 || endMinute > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("window end must be 1-1440: " + endMinute);
        }
        this.days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        this.startMinute = startMinute;
        int d = Math.floorMod(endMinute - startMinute, MINUTES_PER_DAY);
        this.durationMinutes = d == 0 ? MINUTES_PER_DAY : d;
        this.zone = zone;
    }

    /**
     * The schedule of one interface's notification settings. UNKNOWN days are ignored.
     *
     * @throws IllegalArgumentException on a bad window or time zone
     */
    public static DeliverySchedule of(NotificationSettings settings) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (io.mmsguard.avro.DayOfWeek d : settings.getAllowedDays()) {
            if (d != io.mmsguard.avro.DayOfWeek.UNKNOWN) {
                days.add(DayOfWeek.valueOf(d.name()));
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.getTimeZone());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("bad time zone " + settings.getTimeZone(), e);
        }
        return new DeliverySchedule(days, settings.getWindowStartMinute(), settings.getWindowEndMinute(), zone);
    }

    public boolean isAllowed(Instant at) {
        return nextAllowed(at).map(at::equals).orElse(false);
    }

    /**
     * The earliest instant at or after {@code at} at which a notice may be sent; {@code at} itself when it is
     * allowed. Empty when no day is allowed.
     */
    public Optional<Instant> nextAllowed(Instant at) {
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        Instant best = null;
        // the window that started yesterday may still be open; within 8 days every weekday occurs
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(8)); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime start = day.atStartOfDay().plusMinutes(startMinute).atZone(zone);
            ZonedDateTime end = day.atStartOfDay().plusMinutes((long) startMinute + durationMinutes).atZone(zone);
            if (!at.isBefore(end.toInstant())) {
                continue;
            }
            Instant candidate = at.isBefore(start.toInstant()) ? start.toInstant() : at;
            if (best == null || candidate.isBefore(best)) {
                best = candidate;
            }
            if (best.equals(at)) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    public Set<DayOfWeek> days() {
        return days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
    }

    public int startMinute() {
        return startMinute;
    }

    public int durationMinutes() {
        return durationMinutes;
    }

    public ZoneId zone() {
        return zone;
    }
}
