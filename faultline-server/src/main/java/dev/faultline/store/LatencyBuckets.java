package dev.faultline.store;

import java.util.Arrays;

/**
 * The fixed log-scale buckets that rollups count latencies in: bucket 0 holds everything under
 * 250 µs, each next bucket is √2 times wider than the one before, and bucket 39 everything from
 * about 131 s up. Fixed, so that any rows merge by adding their counts; √2 apart, so that an
 * interpolated percentile is rarely more than a few percent off.
 */
final class LatencyBuckets {

    static final int COUNT = 40;
    // UPPER[k] is the exclusive upper bound of bucket k, in microseconds; the last bucket has none.
    private static final long[] UPPER = new long[COUNT - 1];

    static {
        for (int k = 0; k < UPPER.length; k++) {
            UPPER[k] = Math.round(250 * Math.pow(2, k / 2.0));
        }
    }

    private LatencyBuckets() {
    }

    static int of(long micros) {
        int found = Arrays.binarySearch(UPPER, micros);
        // An exact hit on an upper bound belongs to the next bucket (bounds are exclusive).
        return found >= 0 ? found + 1 : -found - 1;
    }

    static long lower(int bucket) {
        return bucket == 0 ? 0 : UPPER[bucket - 1];
    }

    static long upper(int bucket) {
        return bucket == COUNT - 1 ? Long.MAX_VALUE : UPPER[bucket];
    }

    /** The column that counts bucket {@code k}: {@code h00} to {@code h39}. */
    static String column(int bucket) {
        return COLUMNS[bucket];
    }

    // Named once: formatting the names per bound row was a fifth of the result writer's CPU (BENCHMARKS.md).
    private static final String[] COLUMNS = java.util.stream.IntStream.range(0, COUNT)
            .mapToObj(k -> String.format("h%02d", k)).toArray(String[]::new);
}
