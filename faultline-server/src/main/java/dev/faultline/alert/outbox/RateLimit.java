package dev.faultline.alert.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast alerts may go to one channel: a token bucket that holds up to {@code burst} sends and
 * gains one every {@code every}. Alerts over the limit wait in the outbox, in order; none is dropped.
 */
public record RateLimit(int burst, Duration every) {

    /** Bursts of 10, then one a second: within what chat webhooks and paging APIs accept. */
    public static final RateLimit DEFAULT = new RateLimit(10, Duration.ofSeconds(1));

    public RateLimit {
        if (burst < 1) throw new IllegalArgumentException("burst: at least 1");
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every: must be positive");
    }
}
