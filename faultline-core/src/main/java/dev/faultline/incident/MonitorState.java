package dev.faultline.incident;

import dev.faultline.incident.Event.RegionResult;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the incident engine remembers about one monitor: a plain value, so that the
 * server can store it and an incident open at shutdown is still open after a restart.
 *
 * @param latestByRegion    the latest result of each healthy region (an unhealthy region's are not kept here)
 * @param unhealthyRegions  probe regions judged unhealthy: their failures never count
 * @param maintenanceSince  present while a maintenance window is open
 * @param latestEventAt     the latest event time seen: time never runs backwards inside the engine
 */
public record MonitorState(Phase phase, Map<String, RegionResult> latestByRegion, Set<String> unhealthyRegions,
                           Optional<Instant> maintenanceSince, Stability stability, Optional<Instant> latestEventAt) {

    public MonitorState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(stability, "stability");
        latestByRegion = Map.copyOf(latestByRegion);
        unhealthyRegions = Collections.unmodifiableSortedSet(new TreeSet<>(unhealthyRegions));
        // invariant: a region is never both unhealthy and counted
        if (latestByRegion.keySet().stream().anyMatch(unhealthyRegions::contains)) {
            throw new IllegalArgumentException("an unhealthy region's result must not be kept as latest");
        }
    }

    /** A monitor never checked: up, calm, no maintenance. */
    public static MonitorState initial() {
        return new MonitorState(new Phase.Up(), Map.of(), Set.of(), Optional.empty(), Stability.CALM, Optional.empty());
    }

    public Status status() {
        if (stability.isFlapping()) return Status.FLAPPING;
        return switch (phase) {
            case Phase.Up up -> Status.UP;
            case Phase.Suspect suspect -> Status.SUSPECT;
            case Phase.Down down -> Status.DOWN;
        };
    }

    public boolean inMaintenance() {
        return maintenanceSince.isPresent();
    }

    public Optional<Incident> openIncident() {
        return phase instanceof Phase.Down down ? Optional.of(down.incident()) : Optional.empty();
    }

    /** The confirmation deadline the caller must deliver; re-schedule it after a restart. */
    public Optional<Instant> pendingDeadline() {
        return phase instanceof Phase.Suspect suspect ? Optional.of(suspect.episode().deadline()) : Optional.empty();
    }

    MonitorState withPhase(Phase phase) {
        return new MonitorState(phase, latestByRegion, unhealthyRegions, maintenanceSince, stability, latestEventAt);
    }

    MonitorState withLatest(RegionResult result) {
        Map<String, RegionResult> latest = new HashMap<>(latestByRegion);
        latest.put(result.region(), result);
        return new MonitorState(phase, latest, unhealthyRegions, maintenanceSince, stability, latestEventAt);
    }

    MonitorState withRegionHealth(String region, boolean healthy) {
        Set<String> unhealthy = new TreeSet<>(unhealthyRegions);
        Map<String, RegionResult> latest = new HashMap<>(latestByRegion);
        if (healthy) {
            unhealthy.remove(region);
        } else {
            unhealthy.add(region);
            latest.remove(region);
        }
        return new MonitorState(phase, latest, unhealthy, maintenanceSince, stability, latestEventAt);
    }

    MonitorState withMaintenanceSince(Optional<Instant> since) {
        return new MonitorState(phase, latestByRegion, unhealthyRegions, since, stability, latestEventAt);
    }

    MonitorState withStability(Stability stability) {
        return new MonitorState(phase, latestByRegion, unhealthyRegions, maintenanceSince, stability, latestEventAt);
    }

    MonitorState withLatestEventAt(Instant at) {
        return new MonitorState(phase, latestByRegion, unhealthyRegions, maintenanceSince, stability, Optional.of(at));
    }
}
