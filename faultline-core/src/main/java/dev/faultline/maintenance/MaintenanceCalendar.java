package dev.faultline.maintenance;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every maintenance window of the configuration: whether a monitor is under maintenance at an
 * instant, and when that may change next, so that the caller sets one timer instead of polling.
 */
public record MaintenanceCalendar(List<MaintenanceWindow> windows) {

    public static final MaintenanceCalendar EMPTY = new MaintenanceCalendar(List.of());

    public MaintenanceCalendar {
        windows = List.copyOf(windows);
    }

    /** Whether a window covering this monitor is open at {@code at}. */
    public boolean inMaintenance(String monitorId, Collection<String> tags, Instant at) {
        return windowsFor(monitorId, tags).stream().anyMatch(w -> w.times().endOfOccurrenceAt(at).isPresent());
    }

    /**
     * The first instant after {@code at} at which one of the monitor's windows opens or closes:
     * the earliest moment {@link #inMaintenance} may answer differently. Empty when none ever will.
     */
    public Optional<Instant> nextChange(String monitorId, Collection<String> tags, Instant at) {
        return windowsFor(monitorId, tags).stream()
                .flatMap(w -> w.times().endOfOccurrenceAt(at).or(() -> w.times().nextStartAfter(at)).stream())
                .min(Instant::compareTo);
    }

    public boolean coversAny(String monitorId, Collection<String> tags) {
        return windows.stream().anyMatch(w -> w.covers(monitorId, tags));
    }

    private List<MaintenanceWindow> windowsFor(String monitorId, Collection<String> tags) {
        return windows.stream().filter(w -> w.covers(monitorId, tags)).toList();
    }
}
