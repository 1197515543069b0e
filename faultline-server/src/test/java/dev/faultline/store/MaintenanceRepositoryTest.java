package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

class MaintenanceRepositoryTest {

    private static final MaintenanceWindow ONCE = new MaintenanceWindow("upgrade", Set.of("api", "web"), Set.of(),
            new WindowTimes.Once(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T03:30:00Z")));
    private static final MaintenanceWindow WEEKLY = new MaintenanceWindow("nights", Set.of(), Set.of("shop", "edge"),
            new WindowTimes.Weekly(Set.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY), LocalTime.of(23, 0), LocalTime.of(1, 30),
                    ZoneId.of("Europe/Berlin")));

    @DatabaseTest
    void storedWindowsReadBackEqualInNameOrder(TestDatabase db) {
        MaintenanceRepository windows = db.open().maintenance();

        assertThat(windows.insert(ONCE)).isTrue();
        assertThat(windows.insert(WEEKLY)).isTrue();

        assertThat(windows.all()).containsExactly(WEEKLY, ONCE);
    }

    @DatabaseTest
    void aSecondWindowOfTheSameNameIsNotStoredAndDeleteRemoves(TestDatabase db) {
        MaintenanceRepository windows = db.open().maintenance();
        windows.insert(ONCE);

        assertThat(windows.insert(new MaintenanceWindow("upgrade", Set.of("other"), Set.of(), ONCE.times()))).isFalse();
        assertThat(windows.all()).containsExactly(ONCE);
        assertThat(windows.delete("upgrade")).isTrue();
        assertThat(windows.delete("upgrade")).isFalse();
        assertThat(windows.all()).isEmpty();
    }
}
