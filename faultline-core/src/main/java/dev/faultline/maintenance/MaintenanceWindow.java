package dev.faultline.maintenance;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A planned maintenance window and the monitors it covers: those named by id, and those
 * carrying any of the tags (a group).
 */
public record MaintenanceWindow(String name, Set<String> monitorIds, Set<String> tags, WindowTimes times) {

    public MaintenanceWindow {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: must not be empty");
        monitorIds = Collections.unmodifiableSortedSet(new TreeSet<>(monitorIds));
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        if (monitorIds.isEmpty() && tags.isEmpty()) {
            throw new IllegalArgumentException("monitors: give the monitors or the tags the window covers");
        }
        Objects.requireNonNull(times, "times");
    }

    public boolean covers(String monitorId, Collection<String> monitorTags) {
        return monitorIds.contains(monitorId) || monitorTags.stream().anyMatch(tags::contains);
    }
}
