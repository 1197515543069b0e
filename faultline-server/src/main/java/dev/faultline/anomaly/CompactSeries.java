package dev.faultline.anomaly;

import dev.faultline.trend.TrendBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * One monitor's rollup counts in one region at one resolution, in three parallel arrays (bucket
 * start in epoch seconds, status, checks) rather than objects: 10,000 monitors' eight days of
 * hours take tens of megabytes this way, not hundreds. Rows are kept in bucket order.
 */
final class CompactSeries {

    private long[] starts = new long[16];
    private int[] statuses = new int[16];
    private long[] counts = new long[16];
    private int size;

    void add(Instant start, int status, long checks) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            statuses = Arrays.copyOf(statuses, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        starts[size] = start.getEpochSecond();
        statuses[size] = status;
        counts[size] = checks;
        size++;
    }

    /** Drops the rows of buckets starting before {@code cutoff}. */
    void dropBefore(Instant cutoff) {
        keep(cutoff.getEpochSecond(), true);
    }

    /** Drops the rows of buckets starting at or after {@code from}: they are about to be read again. */
    void dropFrom(Instant from) {
        keep(from.getEpochSecond(), false);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds this series' buckets, each of {@code length}, to {@code out}. */
    void addTo(List<TrendBucket> out, Duration length) {
        int i = 0;
        while (i < size) {
            long start = starts[i];
            TreeMap<Integer, Long> byStatus = new TreeMap<>();
            for (; i < size && starts[i] == start; i++) byStatus.merge(statuses[i], counts[i], Long::sum);
            out.add(new TrendBucket(Instant.ofEpochSecond(start), length, byStatus));
        }
    }

    // Keeps the rows at or after the second (after: true) or before it (after: false), in order.
    private void keep(long second, boolean after) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if ((starts[i] >= second) == after) {
                starts[kept] = starts[i];
                statuses[kept] = statuses[i];
                counts[kept] = counts[i];
                kept++;
            }
        }
        size = kept;
    }
}
