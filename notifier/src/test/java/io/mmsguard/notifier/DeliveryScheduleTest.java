package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.NotificationSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> ALL = EnumSet.allOf(DayOfWeek.class);

    // 2026-11-23 is a Monday
    private static Instant utc(String localDateTime) {
        return Instant.parse(localDateTime + "Z");
    }

    @Test
    void wholeDayEveryDayAllowsEverything() {
        DeliverySchedule s = DeliverySchedule.ALWAYS;
        assertThat(s.isAllowed(utc("2026-11-23T00:00:00"))).isTrue();
        assertThat(s.isAllowed(utc("2026-11-23T23:59:59"))).isTrue();
        assertThat(s.nextAllowed(utc("2026-11-25T13:14:15"))).contains(utc("2026-11-25T13:14:15"));
        assertThat(DeliverySchedule.of(NotificationSettings.newBuilder().build()).isAllowed(utc("2026-11-28T03:00:00"))).isTrue();
    }

    @Test
    void plainWindowDefersToItsStartOrTheNextDay() {
        DeliverySchedule s = new DeliverySchedule(ALL, 8 * 60, 18 * 60, UTC);
        assertThat(s.nextAllowed(utc("2026-11-23T07:59:59"))).contains(utc("2026-11-23T08:00:00"));
        assertThat(s.nextAllowed(utc("2026-11-23T08:00:00"))).contains(utc("2026-11-23T08:00:00"));
        assertThat(s.nextAllowed(utc("2026-11-23T17:59:59"))).contains(utc("2026-11-23T17:59:59"));
        assertThat(s.nextAllowed(utc("2026-11-23T18:00:00"))).contains(utc("2026-11-24T08:00:00"));
    }

    @Test
    void windowCrossingMidnightBelongsToTheDayItStarts() {
        DeliverySchedule s = new DeliverySchedule(EnumSet.of(DayOfWeek.MONDAY), 22 * 60, 6 * 60, UTC);
        assertThat(s.durationMinutes()).isEqualTo(8 * 60);
        assertThat(s.isAllowed(utc("2026-11-23T23:00:00"))).isTrue();   // Monday night
        assertThat(s.isAllowed(utc("2026-11-24T05:59:00"))).isTrue();   // Tuesday early, Monday's window
        assertThat(s.isAllowed(utc("2026-11-24T06:00:00"))).isFalse();
        assertThat(s.isAllowed(utc("2026-11-23T05:00:00"))).isFalse();  // Sunday's window: Sunday not allowed
        assertThat(s.nextAllowed(utc("2026-11-23T05:00:00"))).contains(utc("2026-11-23T22:00:00"));
        assertThat(s.nextAllowed(utc("2026-11-24T06:00:00"))).contains(utc("2026-11-30T22:00:00"));
        DeliverySchedule daily = new DeliverySchedule(ALL, 22 * 60, 6 * 60, UTC);
        assertThat(daily.nextAllowed(utc("2026-11-23T12:00:00"))).contains(utc("2026-11-23T22:00:00"));
        assertThat(daily.isAllowed(utc("2026-11-23T02:00:00"))).isTrue();
    }

    @Test
    void equalStartAndEndIsAWholeDayFromTheStart() {
        DeliverySchedule s = new DeliverySchedule(EnumSet.of(DayOfWeek.WEDNESDAY), 600, 600, UTC);
        assertThat(s.durationMinutes()).isEqualTo(1440);
        assertThat(s.isAllowed(utc("2026-11-25T10:00:00"))).isTrue();
        assertThat(s.isAllowed(utc("2026-11-26T09:59:00"))).isTrue();
        assertThat(s.isAllowed(utc("2026-11-26T10:00:00"))).isFalse();
        assertThat(s.isAllowed(utc("2026-11-25T09:59:00"))).isFalse();
    }

    @Test
    void disallowedDaysWaitForTheNextAllowedDay() {
        DeliverySchedule weekdays = new DeliverySchedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 0, 1440, UTC);
        assertThat(weekdays.nextAllowed(utc("2026-11-28T15:00:00"))).contains(utc("2026-11-30T00:00:00")); // Saturday
        assertThat(weekdays.nextAllowed(utc("2026-11-27T23:59:59"))).contains(utc("2026-11-27T23:59:59")); // Friday
        DeliverySchedule none = new DeliverySchedule(Set.of(), 0, 1440, UTC);
        assertThat(none.nextAllowed(utc("2026-11-28T15:00:00"))).isEmpty();
        assertThat(none.isAllowed(utc("2026-11-28T15:00:00"))).isFalse();
    }

    @Test
    void windowIsInTheProfilesTimeZone() {
        // 09:00-17:00 Berlin = 08:00-16:00 UTC in winter (CET)
        DeliverySchedule s = new DeliverySchedule(ALL, 9 * 60, 17 * 60, BERLIN);
        assertThat(s.isAllowed(utc("2026-11-23T08:00:00"))).isTrue();
        assertThat(s.isAllowed(utc("2026-11-23T07:59:59"))).isFalse();
        assertThat(s.nextAllowed(utc("2026-11-23T16:00:00"))).contains(utc("2026-11-24T08:00:00"));
        // and 07:00-15:00 UTC in summer (CEST)
        assertThat(s.nextAllowed(utc("2026-07-01T06:00:00"))).contains(utc("2026-07-01T07:00:00"));
        // the local day decides: Monday 00:30 Berlin is Sunday 23:30 UTC
        DeliverySchedule mondays = new DeliverySchedule(EnumSet.of(DayOfWeek.MONDAY), 0, 1440, BERLIN);
        assertThat(mondays.isAllowed(utc("2026-11-22T23:30:00"))).isTrue();
        assertThat(mondays.isAllowed(utc("2026-11-23T23:30:00"))).isFalse();
    }

    @Test
    void daylightSavingGapMovesAMissingStartForward() {
        // 2026-03-29 02:00 Berlin does not exist (clocks jump 02:00 CET -> 03:00 CEST = 01:00 UTC)
        DeliverySchedule s = new DeliverySchedule(ALL, 2 * 60 + 30, 4 * 60, BERLIN);
        assertThat(s.nextAllowed(utc("2026-03-29T00:00:00"))).contains(utc("2026-03-29T01:30:00"));
    }

    @Test
    void readsSettings() {
        NotificationSettings n = NotificationSettings.newBuilder()
                .setAllowedDays(List.of(io.mmsguard.avro.DayOfWeek.SATURDAY, io.mmsguard.avro.DayOfWeek.UNKNOWN))
                .setWindowStartMinute(60).setWindowEndMinute(120).setTimeZone("Asia/Tokyo").build();
        DeliverySchedule s = DeliverySchedule.of(n);
        assertThat(s.days()).containsExactly(DayOfWeek.SATURDAY);
        assertThat(s.nextAllowed(utc("2026-11-23T00:00:00"))).contains(utc("2026-11-27T16:00:00")); // Sat 01:00 JST
        assertThatThrownBy(() -> DeliverySchedule.of(NotificationSettings.newBuilder().setTimeZone("Mars/Base").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliverySchedule(ALL, 1440, 10, UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliverySchedule(ALL, 0, 0, UTC)).isInstanceOf(IllegalArgumentException.class);
    }
}
