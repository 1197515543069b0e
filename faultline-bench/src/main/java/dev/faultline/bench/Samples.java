package dev.faultline.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A growable list of measurements (microseconds, milliseconds: the caller's unit) and its percentiles. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = value;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) add(other.values[i]);
    }

    int size() {
        return size;
    }

    /** The nearest-rank percentile, {@code q} from 0 to 1; 0 when empty. */
    long percentile(double q) {
        if (size == 0) return 0;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    long max() {
        return percentile(1);
    }

    /** Median, p95, p99 and max, divided by {@code scale} (1000 turns microseconds into milliseconds). */
    Map<String, Object> summary(double scale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", size);
        out.put("p50", round(percentile(0.5) / scale));
        out.put("p95", round(percentile(0.95) / scale));
        out.put("p99", round(percentile(0.99) / scale));
        out.put("max", round(max() / scale));
        return out;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
