package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A span of time, from inclusive, to exclusive.
 */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from + ")");
    }

    /** The span of the given length that ends at {@code to}. */
    public static TimeWindow ending(Instant to, Duration length) {
        return new TimeWindow(to.minus(length), to);
    }

    /** The span of the given length that ends where this one starts: a baseline for it. */
    public TimeWindow before(Duration length) {
        return ending(from, length);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
