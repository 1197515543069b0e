package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The buckets of a window in time order, those sharing a start (several regions) merged: for
 * the detectors that care when the counted codes came, not only how many.
 */
record Timeline(List<Slot> slots) {

    Timeline {
        slots = List.copyOf(slots);
    }

    /** One point in time: all checks, and those with a counted code. */
    record Slot(Instant start, Instant end, long total, long counted) {
    }

    static Timeline of(List<TrendBucket> series, TimeWindow window, IntPredicate counted) {
        TreeMap<Instant, Slot> byStart = new TreeMap<>();
        for (TrendBucket bucket : series) {
            if (!window.contains(bucket.start())) continue;
            long hits = bucket.countsByStatus().entrySet().stream()
                    .filter(e -> counted.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            Instant end = bucket.end().isAfter(window.to()) ? window.to() : bucket.end();
            byStart.merge(bucket.start(), new Slot(bucket.start(), end, bucket.total(), hits), (a, b) -> new Slot(a.start(),
                    a.end().isAfter(b.end()) ? a.end() : b.end(), a.total() + b.total(), a.counted() + b.counted()));
        }
        return new Timeline(List.copyOf(byStart.values()));
    }

    /**
     * From the start of the first slot with a counted code to the end of the last one (clipped
     * to the window), or zero when there is none.
     */
    Duration spanOfCounted() {
        List<Slot> hit = slots.stream().filter(s -> s.counted() > 0).toList();
        if (hit.isEmpty()) return Duration.ZERO;
        Instant end = hit.stream().map(Slot::end).max(Instant::compareTo).orElseThrow();
        return Duration.between(hit.getFirst().start(), end);
    }

    /**
     * Separate runs of slots with a counted code. Only a slot with checks and none counted ends a
     * run: a slot without checks says nothing about whether the failure went on.
     */
    int episodes() {
        int episodes = 0;
        boolean inEpisode = false;
        for (Slot slot : slots) {
            if (slot.counted() > 0) {
                if (!inEpisode) episodes++;
                inEpisode = true;
            } else if (slot.total() > 0) {
                inEpisode = false;
            }
        }
        return episodes;
    }
}
