package dev.faultline.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A maintenance window in the config file's terms ({@code monitors}, {@code tags}, {@code start}
 * and {@code end}, or {@code weekly: {days, from, to, zone}}): how the API shows windows and the
 * store keeps those created through the API. Monitors are given by id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaintenanceWindowJson(String name, List<String> monitors, List<String> tags, String start, String end, Weekly weekly) {

    public record Weekly(List<String> days, String from, String to, String zone) {
    }

    public static MaintenanceWindowJson of(MaintenanceWindow window) {
        List<String> monitors = List.copyOf(window.monitorIds());
        List<String> tags = List.copyOf(window.tags());
        return switch (window.times()) {
            case WindowTimes.Once once -> new MaintenanceWindowJson(window.name(), monitors, tags, once.start().toString(),
                    once.end().toString(), null);
            case WindowTimes.Weekly weekly -> new MaintenanceWindowJson(window.name(), monitors, tags, null, null, new Weekly(
                    weekly.days().stream().sorted().map(MaintenanceWindowJson::day).toList(), weekly.from().toString(),
                    weekly.to().toString(), weekly.zone().getId()));
        };
    }

    public MaintenanceWindow toWindow() {
        WindowTimes times = weekly == null ? new WindowTimes.Once(Instant.parse(start), Instant.parse(end))
                : new WindowTimes.Weekly(weekly.days().stream().map(MaintenanceWindowJson::day).collect(Collectors.toSet()),
                        LocalTime.parse(weekly.from()), LocalTime.parse(weekly.to()), ZoneId.of(weekly.zone()));
        return new MaintenanceWindow(name, Set.copyOf(monitors == null ? List.of() : monitors),
                Set.copyOf(tags == null ? List.of() : tags), times);
    }

    private static String day(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    private static DayOfWeek day(String text) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> day(d).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("days: unknown day '" + text + "'"));
    }
}
