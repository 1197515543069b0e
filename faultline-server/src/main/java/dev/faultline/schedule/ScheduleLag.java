package dev.faultline.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late checks start: the time from a check's due time to the moment it holds its permits
 * and starts, in a fixed-bucket histogram that is cheap to record into from any thread and
 * that the metrics endpoint exports as it is (cumulative buckets, count and sum).
 */
public final class ScheduleLag {

    /** Upper bounds of the finite buckets, in milliseconds; one more bucket holds the rest. */
    static final long[] BOUNDS_MILLIS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MILLIS.length + 1);
    private final AtomicLong sumMillis = new AtomicLong();
    private final AtomicLong maxMillis = new AtomicLong();

    /** Records one start, {@code lagMillis} after its due time; a negative lag counts as zero. */
    public void record(long lagMillis) {
        long lag = Math.max(0, lagMillis);
        counts.incrementAndGet(bucketOf(lag));
        sumMillis.addAndGet(lag);
        maxMillis.accumulateAndGet(lag, Math::max);
    }

    public Snapshot snapshot() {
        List<Bucket> buckets = new ArrayList<>(counts.length());
        long cumulative = 0;
        for (int i = 0; i < counts.length(); i++) {
            cumulative += counts.get(i);
            buckets.add(new Bucket(i < BOUNDS_MILLIS.length ? BOUNDS_MILLIS[i] : Long.MAX_VALUE, cumulative));
        }
        return new Snapshot(cumulative, sumMillis.get(), maxMillis.get(), buckets);
    }

    private static int bucketOf(long lagMillis) {
        for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
            if (lagMillis <= BOUNDS_MILLIS[i]) return i;
        }
        return BOUNDS_MILLIS.length;
    }

    /**
     * One bucket as Prometheus exports it: the starts whose lag was at most {@code upperBoundMillis}.
     *
     * @param upperBoundMillis {@link Long#MAX_VALUE} for the last bucket ({@code +Inf})
     */
    public record Bucket(long upperBoundMillis, long cumulativeCount) {
    }

    /**
     * The histogram at one moment. Taken while checks start, the sum and max may be a record or
     * two ahead of the buckets.
     */
    public record Snapshot(long count, long sumMillis, long maxMillis, List<Bucket> buckets) {

        public Snapshot {
            buckets = List.copyOf(buckets);
        }

        public Duration p50() {
            return quantile(0.5);
        }

        public Duration p99() {
            return quantile(0.99);
        }

        /**
         * An estimate of the {@code q} quantile, interpolated within its bucket as Prometheus's
         * {@code histogram_quantile} does, and never above the largest lag seen.
         */
        public Duration quantile(double q) {
            if (q < 0 || q > 1) throw new IllegalArgumentException("quantile: " + q + " is outside 0 to 1");
            if (count == 0) return Duration.ZERO;
            double rank = q * count;
            long below = 0;
            long lower = 0;
            for (Bucket bucket : buckets) {
                if (bucket.cumulativeCount() >= rank && bucket.cumulativeCount() > below) {
                    long upper = Math.min(bucket.upperBoundMillis(), maxMillis);
                    double within = (rank - below) / (bucket.cumulativeCount() - below);
                    return Duration.ofMillis(Math.round(lower + (Math.max(upper, lower) - lower) * within));
                }
                below = bucket.cumulativeCount();
                lower = bucket.upperBoundMillis();
            }
            return Duration.ofMillis(maxMillis);
        }
    }
}
