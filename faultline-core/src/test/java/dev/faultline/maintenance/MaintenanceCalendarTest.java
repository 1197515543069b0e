package dev.faultline.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaintenanceCalendarTest {

    // 2026-11-28 is a Saturday.
    private static final WindowTimes WEEKEND_NIGHTS = new WindowTimes.Weekly(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            LocalTime.of(2, 0), LocalTime.of(4, 0), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2026-11-28T01:59:59Z, false",
            "2026-11-28T02:00:00Z, true",
            "2026-11-28T03:59:59Z, true",
            "2026-11-28T04:00:00Z, false",
            "2026-11-29T03:00:00Z, true",
            "2026-11-30T03:00:00Z, false",
    })
    void aWeeklyWindowIsOpenOnItsDaysBetweenItsTimes(String at, boolean open) {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(window("api", WEEKEND_NIGHTS)));

        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse(at))).isEqualTo(open);
    }

    @Test
    void aWindowSpanningMidnightEndsOnTheNextDay() {
        WindowTimes lateFriday = new WindowTimes.Weekly(Set.of(DayOfWeek.FRIDAY), LocalTime.of(23, 0), LocalTime.of(1, 0),
                ZoneOffset.UTC);
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(window("api", lateFriday)));

        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-11-27T23:30:00Z"))).isTrue();
        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-11-28T00:30:00Z"))).isTrue();
        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-11-28T01:00:00Z"))).isFalse();
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-11-28T00:30:00Z")))
                .contains(Instant.parse("2026-11-28T01:00:00Z"));
    }

    @Test
    void weeklyTimesAreReadInTheWindowsZone() {
        WindowTimes berlin = new WindowTimes.Weekly(Set.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0), LocalTime.of(4, 0),
                ZoneId.of("Europe/Berlin"));
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(window("api", berlin)));

        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-11-28T01:30:00Z"))).isTrue(); // 02:30 in Berlin
        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-11-28T03:30:00Z"))).isFalse();
    }

    @Test
    void aOneOffWindowIsOpenFromItsStartUntilItsEnd() {
        WindowTimes once = new WindowTimes.Once(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T03:00:00Z"));
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(window("api", once)));

        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-12-01T01:00:00Z"))).isFalse();
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-12-01T01:00:00Z")))
                .contains(Instant.parse("2026-12-01T02:00:00Z"));
        assertThat(calendar.inMaintenance("api", List.of(), Instant.parse("2026-12-01T02:00:00Z"))).isTrue();
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-12-01T02:30:00Z")))
                .contains(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-12-01T03:00:00Z"))).isEmpty();
    }

    @Test
    void aWindowCoversItsMonitorsAndEveryMonitorWithOneOfItsTags() {
        MaintenanceWindow shop = new MaintenanceWindow("shop", Set.of("checkout"), Set.of("shop"), WEEKEND_NIGHTS);
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(shop));
        Instant saturdayNight = Instant.parse("2026-11-28T03:00:00Z");

        assertThat(calendar.inMaintenance("checkout", List.of(), saturdayNight)).isTrue();
        assertThat(calendar.inMaintenance("cart", List.of("shop", "eu"), saturdayNight)).isTrue();
        assertThat(calendar.inMaintenance("api", List.of("core"), saturdayNight)).isFalse();
        assertThat(calendar.coversAny("api", List.of("core"))).isFalse();
        assertThat(calendar.nextChange("api", List.of("core"), saturdayNight)).isEmpty();
    }

    @Test
    void theNextChangeIsTheEarliestBoundaryOfAnyOfTheMonitorsWindows() {
        WindowTimes once = new WindowTimes.Once(Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T02:30:00Z"));
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(window("api", once), window("api", WEEKEND_NIGHTS)));

        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-11-28T00:00:00Z")))
                .contains(Instant.parse("2026-11-28T01:00:00Z"));
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-11-28T02:10:00Z")))
                .contains(Instant.parse("2026-11-28T02:30:00Z"));
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-11-28T02:40:00Z")))
                .contains(Instant.parse("2026-11-28T04:00:00Z"));
        assertThat(calendar.nextChange("api", List.of(), Instant.parse("2026-11-29T05:00:00Z")))
                .contains(Instant.parse("2026-12-05T02:00:00Z"));
    }

    @Test
    void aWindowThatCouldNeverBeOpenIsRefused() {
        assertThatThrownBy(() -> new WindowTimes.Once(Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T02:00:00Z")))
                .hasMessageStartingWith("end: ");
        assertThatThrownBy(() -> new WindowTimes.Weekly(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, ZoneOffset.UTC))
                .hasMessageStartingWith("days: ");
        assertThatThrownBy(() -> new WindowTimes.Weekly(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.NOON, ZoneOffset.UTC))
                .hasMessageStartingWith("to: ");
        assertThatThrownBy(() -> new MaintenanceWindow("empty", Set.of(), Set.of(), WEEKEND_NIGHTS))
                .hasMessageStartingWith("monitors: ");
    }

    private static MaintenanceWindow window(String monitorId, WindowTimes times) {
        return new MaintenanceWindow("w", Set.of(monitorId), Set.of(), times);
    }
}
