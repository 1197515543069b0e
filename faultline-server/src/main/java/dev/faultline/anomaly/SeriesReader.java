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
import java.util.TreeMap;

/**
 * Reads what the detectors judge, for many monitors in two queries: hour rollups for the long
 * past and minute rollups for the last one to two hours, so that a one-hour window is always
 * counted minute by minute and a day or a week hour by hour.
 */
public final class SeriesReader {

    /** The longest history the default detectors look at: a day against the week before it. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(8);

    private final Rollups rollups;
    private final Duration history;

    public SeriesReader(Rollups rollups, Duration history) {
        this.rollups = rollups;
        this.history = history;
    }

    /** Each monitor's buckets by region, for the windows that end at {@code now}; monitors without checks are left out. */
    public Map<String, Map<String, List<TrendBucket>>> read(Collection<String> monitorIds, Instant now) {
        // Minutes from the start of the previous hour: the last full hour is always minute by minute.
        Instant split = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Map<String, Map<String, List<TrendBucket>>> series = new HashMap<>();
        add(series, rollups.statusCounts(monitorIds, Resolution.HOUR, split.minus(history), split), Resolution.HOUR);
        add(series, rollups.statusCounts(monitorIds, Resolution.MINUTE, split, now.plus(Resolution.MINUTE.length())),
                Resolution.MINUTE);
        return series;
    }

    /** One monitor's buckets by region: what {@link #read} gives for one id. */
    public Map<String, List<TrendBucket>> read(String monitorId, Instant now) {
        return read(List.of(monitorId), now).getOrDefault(monitorId, Map.of());
    }

    /** The buckets of every region together. */
    public static List<TrendBucket> allRegions(Map<String, List<TrendBucket>> byRegion) {
        List<TrendBucket> all = new ArrayList<>();
        byRegion.values().forEach(all::addAll);
        return all;
    }

    // The counts come ordered by monitor, region and bucket: consecutive rows make one bucket.
    private static void add(Map<String, Map<String, List<TrendBucket>>> series, List<StatusCount> counts, Resolution resolution) {
        int i = 0;
        while (i < counts.size()) {
            StatusCount first = counts.get(i);
            Map<Integer, Long> byStatus = new TreeMap<>();
            int j = i;
            for (; j < counts.size(); j++) {
                StatusCount c = counts.get(j);
                if (!c.monitorId().equals(first.monitorId()) || !c.region().equals(first.region())
                        || !c.bucketStart().equals(first.bucketStart())) break;
                byStatus.merge(c.status(), c.checks(), Long::sum);
            }
            series.computeIfAbsent(first.monitorId(), m -> new LinkedHashMap<>())
                    .computeIfAbsent(first.region(), r -> new ArrayList<>())
                    .add(new TrendBucket(first.bucketStart(), resolution.length(), byStatus));
            i = j;
        }
    }
}
