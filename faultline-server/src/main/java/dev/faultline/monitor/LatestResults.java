package dev.faultline.monitor;

import dev.faultline.check.CheckResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest result of every monitor in every region, in memory: what the overview, the API's
 * {@code outcome} and {@code /metrics} read, so that none of them touches the database.
 */
public final class LatestResults {

    private final Map<String, Map<String, CheckResult>> byMonitor = new ConcurrentHashMap<>();

    public void record(CheckResult result) {
        byMonitor.computeIfAbsent(result.monitor(), id -> new ConcurrentHashMap<>())
                .merge(result.region(), result, (old, now) -> now.startedAt().isBefore(old.startedAt()) ? old : now);
    }

    /** The newest result of the monitor over all its regions. */
    public Optional<CheckResult> latest(String monitorId) {
        Map<String, CheckResult> regions = byMonitor.get(monitorId);
        if (regions == null) return Optional.empty();
        return regions.values().stream().max(java.util.Comparator.comparing(CheckResult::startedAt));
    }

    /** Region → newest result, for one monitor. */
    public Map<String, CheckResult> byRegion(String monitorId) {
        return Map.copyOf(byMonitor.getOrDefault(monitorId, Map.of()));
    }

    /** Everything, monitor id → region → result; a live view for exporting, not a copy. */
    public Map<String, Map<String, CheckResult>> all() {
        return byMonitor;
    }

    /** Forgets a monitor that no longer exists. */
    public void forget(String monitorId) {
        byMonitor.remove(monitorId);
    }
}
