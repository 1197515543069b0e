package dev.faultline.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How many times something may happen within a span before it means something, such as five
 * incident transitions in ten minutes (flapping) or three blips in an hour (instability).
 */
public record Threshold(int count, Duration within) {

    public Threshold {
        Objects.requireNonNull(within, "within");
        if (count < 1) throw new IllegalArgumentException("count: must be at least 1, got " + count);
        if (!within.isPositive()) throw new IllegalArgumentException("within: must be longer than zero, got " + within);
    }

    /** Whether {@code at} lies within the span that ends at {@code now}. */
    boolean covers(Instant at, Instant now) {
        return at.isAfter(now.minus(within));
    }

    /** Whether the times within the span ending at {@code now} reach the count. */
    boolean isReachedBy(List<Instant> times, Instant now) {
        return times.stream().filter(at -> covers(at, now)).count() >= count;
    }

    /**
     * The times still within the span after adding {@code now}, at most {@link #count()} of them
     * (the most recent): all that deciding this threshold ever needs, so the list stays bounded.
     */
    List<Instant> remember(List<Instant> times, Instant now) {
        List<Instant> kept = new ArrayList<>(times.stream().filter(at -> covers(at, now)).toList());
        kept.add(now);
        return List.copyOf(kept.subList(Math.max(0, kept.size() - count), kept.size()));
    }
}
