package dev.faultline.web.pages;

import dev.faultline.check.CheckResult;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.Monitor;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A monitor's state as the pages show it, in the order the overview lists them: problems first. */
public enum State {
    DOWN("Down"),
    DEGRADED("Degraded"),
    PENDING("No data yet"),
    MAINTENANCE("Maintenance"),
    UP("Up"),
    PAUSED("Paused");

    private final String label;

    State(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The lower-case name used in query parameters and CSS classes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<State> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** Paused wins (nothing is checked), then maintenance: a failure inside a planned window is expected and pages nobody. */
    static State of(Monitor monitor, boolean paused, Optional<CheckResult> latest, MaintenanceCalendar calendar, Instant now) {
        if (paused) return PAUSED;
        if (calendar.inMaintenance(monitor.id(), monitor.tags(), now)) return MAINTENANCE;
        if (latest.isEmpty()) return PENDING;
        return switch (latest.get().verdict().outcome()) {
            case UP -> UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> DOWN;
        };
    }
}
