package dev.faultline.incident;

import dev.faultline.incident.Event.RegionResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The regions whose failures count and how many must fail together: the configured quorum, or
 * every healthy region when fewer are healthy. With one healthy region the quorum is one, and
 * the re-check that every suspicion gets makes the second failure that confirms it.
 */
record Quorum(Set<String> healthyRegions, int required, Duration window) {

    static Quorum of(ConfirmPolicy policy, Set<String> monitorRegions, Set<String> unhealthyRegions) {
        TreeSet<String> healthy = new TreeSet<>(monitorRegions);
        healthy.removeAll(unhealthyRegions);
        return new Quorum(Collections.unmodifiableSortedSet(healthy), Math.min(policy.quorum(), healthy.size()),
                policy.window());
    }

    /** Healthy regions whose latest result is a failure taken within the window before now. */
    Set<String> failing(Map<String, RegionResult> latest, Instant now) {
        return regionsWhose(latest, now, RegionResult::failed);
    }

    /** Healthy regions whose latest result is a server, network or content failure within the window. */
    Set<String> failingCritically(Map<String, RegionResult> latest, Instant now) {
        return regionsWhose(latest, now, RegionResult::critical);
    }

    /** Whether these regions make a quorum; never when no region is healthy at all. */
    boolean isReachedBy(Set<String> regions) {
        return required > 0 && regions.size() >= required;
    }

    private Set<String> regionsWhose(Map<String, RegionResult> latest, Instant now, Predicate<RegionResult> test) {
        Instant oldest = now.minus(window);
        Set<String> regions = new TreeSet<>();
        latest.forEach((region, result) -> {
            if (healthyRegions.contains(region) && test.test(result) && !result.at().isBefore(oldest)) {
                regions.add(region);
            }
        });
        return regions;
    }
}
