package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One rollup bucket of one monitor (and, as the store keeps them, one region): how many checks
 * started within {@code [start, start + length)} ended with each status code, 0 standing for
 * checks that got no HTTP answer. Minute and hour rollups are both buckets.
 */
public record TrendBucket(Instant start, Duration length, Map<Integer, Long> countsByStatus) {

    public TrendBucket {
        Objects.requireNonNull(start, "start");
        Require.positive(length, "length");
        TreeMap<Integer, Long> copy = new TreeMap<>();
        countsByStatus.forEach((status, count) -> {
            if (status < 0) throw new IllegalArgumentException("status: must be 0 (no answer) or a code, got " + status);
            if (count < 0) throw new IllegalArgumentException("count of status " + status + ": must not be negative, got " + count);
            if (count > 0) copy.put(status, count);
        });
        countsByStatus = Collections.unmodifiableSortedMap(copy);
    }

    public Instant end() {
        return start.plus(length);
    }

    /** All checks in the bucket, whatever their status. */
    public long total() {
        return countsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
