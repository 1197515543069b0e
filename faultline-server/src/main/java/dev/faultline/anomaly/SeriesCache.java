package dev.faultline.anomaly;

import dev.faultline.store.Resolution;
import dev.faultline.store.Rollups;
import dev.faultline.store.StatusCount;
import dev.faultline.trend.TrendBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluator's copy of every monitor's series, as {@link SeriesReader} would read it, kept up
 * to date by reading only what changed: a monitor seen for the first time is read whole (hours
 * over the history, minutes since the split); after that a pass reads the minute rollups of the
 * last few minutes (those still filling, or arriving late from agents) for all monitors at once,
 * and once an hour the hour that has just left the minute part. Owned by one thread.
 */
final class SeriesCache {

    /** How far back a pass reads minutes again: results arrive in batches and from agents, a little late. */
    static final Duration RE_READ = Duration.ofMinutes(5);

    private final Rollups rollups;
    private final Duration history;
    private final Map<String, Map<String, CompactSeries>> hours = new HashMap<>();
    private final Map<String, Map<String, CompactSeries>> minutes = new HashMap<>();
    private Instant split;
    private Instant minutesReadTo;

    SeriesCache(Rollups rollups, Duration history) {
        this.rollups = rollups;
        this.history = history;
    }

    /** Brings the monitors already known up to {@code now}, and forgets those not in {@code monitorIds}. */
    void advance(Instant now, Set<String> monitorIds) {
        hours.keySet().retainAll(monitorIds);
        minutes.keySet().retainAll(monitorIds);
        Instant newSplit = splitAt(now);
        if (split == null || newSplit.isBefore(split) || Duration.between(split, newSplit).compareTo(history) > 0) {
            // First pass, a clock that went back, or a gap longer than the history: read everyone again.
            hours.clear();
            minutes.clear();
        } else if (newSplit.isAfter(split)) {
            // The hours that left the minute part now come from the hour rollups.
            add(hours, rollups.statusCounts(Resolution.HOUR, split, newSplit), true);
            Instant oldest = newSplit.minus(history);
            hours.values().forEach(regions -> regions.values().forEach(s -> s.dropBefore(oldest)));
            minutes.values().forEach(regions -> regions.values().forEach(s -> s.dropBefore(newSplit)));
        }
        if (split != null && !hours.isEmpty()) {
            Instant from = later(newSplit, minutesReadTo.minus(RE_READ));
            minutes.values().forEach(regions -> regions.values().forEach(s -> s.dropFrom(from)));
            add(minutes, rollups.statusCounts(Resolution.MINUTE, from, end(now)), true);
        }
        split = newSplit;
        minutesReadTo = end(now);
    }

    /** Each monitor's buckets by region at {@code now} (after {@link #advance}), reading those not known yet whole. */
    Map<String, Map<String, List<TrendBucket>>> read(Collection<String> monitorIds, Instant now) {
        List<String> unknown = monitorIds.stream().filter(id -> !hours.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            unknown.forEach(id -> {
                hours.put(id, new LinkedHashMap<>());
                minutes.put(id, new LinkedHashMap<>());
            });
            add(hours, rollups.statusCounts(unknown, Resolution.HOUR, split.minus(history), split), false);
            add(minutes, rollups.statusCounts(unknown, Resolution.MINUTE, split, minutesReadTo), false);
        }
        Map<String, Map<String, List<TrendBucket>>> out = new HashMap<>();
        for (String id : monitorIds) {
            Map<String, List<TrendBucket>> byRegion = new LinkedHashMap<>();
            hours.get(id).forEach((region, s) -> s.addTo(byRegion.computeIfAbsent(region, r -> new ArrayList<>()),
                    Resolution.HOUR.length()));
            minutes.get(id).forEach((region, s) -> s.addTo(byRegion.computeIfAbsent(region, r -> new ArrayList<>()),
                    Resolution.MINUTE.length()));
            byRegion.values().removeIf(List::isEmpty);
            if (!byRegion.isEmpty()) out.put(id, byRegion);
        }
        return out;
    }

    static Instant splitAt(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    }

    private static Instant end(Instant now) {
        return now.plus(Resolution.MINUTE.length());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    // knownOnly: rows of monitors the cache does not hold yet are skipped (they are read whole when first asked for).
    private static void add(Map<String, Map<String, CompactSeries>> into, List<StatusCount> counts, boolean knownOnly) {
        for (StatusCount c : counts) {
            Map<String, CompactSeries> regions = knownOnly ? into.get(c.monitorId())
                    : into.computeIfAbsent(c.monitorId(), m -> new LinkedHashMap<>());
            if (regions == null) continue;
            regions.computeIfAbsent(c.region(), r -> new CompactSeries()).add(c.bucketStart(), c.status(), c.checks());
        }
    }
}
