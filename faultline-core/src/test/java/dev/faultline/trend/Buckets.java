package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic rollup series, as the store would hand them over, around a fixed instant. */
final class Buckets {

    /** Friday 6 November 2026, 08:00 UTC: "now" in every trend test. */
    static final Instant NOW = Instant.parse("2026-11-06T08:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private Buckets() {
    }

    /** One bucket with the given status → count pairs, e.g. {@code bucket(t, MINUTE, 200, 58, 404, 2)}. */
    static TrendBucket bucket(Instant start, Duration length, long... statusThenCount) {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < statusThenCount.length; i += 2) {
            counts.merge((int) statusThenCount[i], statusThenCount[i + 1], Long::sum);
        }
        return new TrendBucket(start, length, counts);
    }

    /**
     * {@code checks} checks spread evenly over the window in buckets of {@code step}, of which
     * {@code hits} (also spread evenly) had {@code code} and the rest 200.
     */
    static List<TrendBucket> spread(TimeWindow window, Duration step, long checks, int code, long hits) {
        int buckets = (int) window.length().dividedBy(step);
        List<TrendBucket> series = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            long bucketChecks = share(checks, buckets, i);
            long bucketHits = share(hits, buckets, i);
            series.add(bucket(window.from().plus(step.multipliedBy(i)), step, 200, bucketChecks - bucketHits, code, bucketHits));
        }
        return series;
    }

    /** The i-th of n nearly equal parts of total (they add up to total exactly). */
    private static long share(long total, int n, int i) {
        return total * (i + 1) / n - total * i / n;
    }

    @SafeVarargs
    static List<TrendBucket> concat(List<TrendBucket>... parts) {
        List<TrendBucket> all = new ArrayList<>();
        for (List<TrendBucket> part : parts) all.addAll(part);
        return all;
    }
}
