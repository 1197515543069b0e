package dev.faultline.incident;

import dev.faultline.check.Cause;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A failure that did not become an incident: no quorum of regions confirmed it within the
 * window, or it was over before it had lasted the confirmation period. Kept, so that frequent
 * brief failures show up as a trend.
 *
 * @param endedAt          when the engine closed the episode
 * @param failingFor       from the first failing result to the last one
 * @param failuresByRegion the cause of each failing result, per region, in order
 */
public record Blip(Instant startedAt, Instant endedAt, Duration failingFor,
                   Map<String, List<Cause>> failuresByRegion, boolean duringMaintenance) {

    public Blip {
        failuresByRegion = copy(failuresByRegion);
    }

    public Set<String> regions() {
        return failuresByRegion.keySet();
    }

    static Map<String, List<Cause>> copy(Map<String, List<Cause>> failuresByRegion) {
        TreeMap<String, List<Cause>> sorted = new TreeMap<>();
        failuresByRegion.forEach((region, causes) -> sorted.put(region, List.copyOf(causes)));
        return Collections.unmodifiableSortedMap(sorted);
    }
}
