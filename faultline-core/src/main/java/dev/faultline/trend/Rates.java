package dev.faultline.trend;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The share of checks in each status class and with each status code over a window, from rollup
 * buckets. Pass one monitor's buckets for its rates, one region's for that region's; buckets
 * from several regions simply add up.
 *
 * <p>A bucket belongs to the window when it <em>starts</em> within it, so a window never counts
 * a check from before its start; pick buckets fine enough for the window (minute rollups for
 * an hour, hour rollups for a day or a week).
 *
 * @param byClass every class, with a zero share for those not seen
 * @param byCode  the codes seen, 0 for checks without an HTTP answer
 */
public record Rates(TimeWindow window, long total, Map<StatusClass, Share> byClass, SortedMap<Integer, Share> byCode) {

    public Rates {
        if (!byClass.keySet().containsAll(EnumSet.allOf(StatusClass.class))) {
            throw new IllegalArgumentException("byClass: needs a share for every status class, got " + byClass.keySet());
        }
        byClass = Collections.unmodifiableMap(new EnumMap<>(byClass));
        byCode = Collections.unmodifiableSortedMap(new TreeMap<>(byCode));
    }

    public static Rates over(List<TrendBucket> buckets, Instant from, Instant to) {
        return over(buckets, new TimeWindow(from, to));
    }

    public static Rates over(List<TrendBucket> buckets, TimeWindow window) {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        for (TrendBucket bucket : buckets) {
            if (window.contains(bucket.start())) {
                bucket.countsByStatus().forEach((status, count) -> counts.merge(status, count, Long::sum));
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        EnumMap<StatusClass, Long> classCounts = new EnumMap<>(StatusClass.class);
        for (StatusClass c : StatusClass.values()) classCounts.put(c, 0L);
        counts.forEach((status, count) -> classCounts.merge(StatusClass.of(status), count, Long::sum));

        EnumMap<StatusClass, Share> byClass = new EnumMap<>(StatusClass.class);
        classCounts.forEach((c, count) -> byClass.put(c, new Share(count, total)));
        TreeMap<Integer, Share> byCode = new TreeMap<>();
        counts.forEach((status, count) -> byCode.put(status, new Share(count, total)));
        return new Rates(window, total, byClass, byCode);
    }

    public Share of(StatusClass statusClass) {
        return byClass.get(statusClass);
    }

    /** The share of one code; 0 stands for checks without an HTTP answer. */
    public Share ofCode(int status) {
        return byCode.getOrDefault(status, new Share(0, total));
    }

    /** The share of all checks whose code matches, e.g. the 401s and 403s together. */
    public Share matching(IntPredicate codes) {
        long count = byCode.entrySet().stream().filter(e -> codes.test(e.getKey())).mapToLong(e -> e.getValue().count()).sum();
        return new Share(count, total);
    }
}
