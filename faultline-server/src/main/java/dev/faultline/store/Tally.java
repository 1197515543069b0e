package dev.faultline.store;

import java.util.Optional;

/**
 * A mutable count of checks and their latencies, in microseconds: how a batch adds up before its
 * rollup upsert, and how rollup rows add up when read.
 */
final class Tally {

    long checks;
    long min = Long.MAX_VALUE;
    long sum;
    long max = Long.MIN_VALUE;
    final long[] histogram = new long[LatencyBuckets.COUNT];

    void add(long micros) {
        checks++;
        min = Math.min(min, micros);
        max = Math.max(max, micros);
        sum += micros;
        histogram[LatencyBuckets.of(micros)]++;
    }

    void add(Tally other) {
        if (other.checks == 0) return;
        checks += other.checks;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
        for (int k = 0; k < histogram.length; k++) histogram[k] += other.histogram[k];
    }

    Optional<Latency> latency() {
        if (checks == 0) return Optional.empty();
        return Optional.of(new Latency(checks, Micros.duration(min), Micros.duration(Math.round((double) sum / checks)),
                Micros.duration(max), Micros.duration(percentile(0.50)), Micros.duration(percentile(0.95)),
                Micros.duration(percentile(0.99))));
    }

    /** The latency under which a fraction {@code q} of the checks fell, interpolated within its bucket. */
    long percentile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * checks));
        long before = 0;
        for (int k = 0; k < histogram.length; k++) {
            if (before + histogram[k] >= rank) {
                long low = Math.max(LatencyBuckets.lower(k), min);
                long high = Math.min(LatencyBuckets.upper(k), max);
                return low + Math.round((double) (high - low) * (rank - before) / histogram[k]);
            }
            before += histogram[k];
        }
        return max; // only when the histogram and the count disagree
    }
}
