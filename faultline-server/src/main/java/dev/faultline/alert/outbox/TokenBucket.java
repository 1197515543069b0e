package dev.faultline.alert.outbox;

import java.time.Duration;
import java.time.Instant;

/** A {@link RateLimit}'s state for one channel. Owned by the dispatcher's loop: not thread-safe. */
final class TokenBucket {

    private final RateLimit limit;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(RateLimit limit, Instant now) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.refilledAt = now;
    }

    /** Takes a token when there is one. */
    boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** How long until a token is there; zero when one is. */
    Duration untilNext(Instant now) {
        refill(now);
        if (tokens >= 1) return Duration.ZERO;
        return Duration.ofNanos((long) Math.ceil((1 - tokens) * limit.every().toNanos()));
    }

    private void refill(Instant now) {
        // A clock that steps back (or a fake one) must not take tokens away.
        if (!now.isAfter(refilledAt)) return;
        double gained = (double) Duration.between(refilledAt, now).toNanos() / limit.every().toNanos();
        tokens = Math.min(limit.burst(), tokens + gained);
        refilledAt = now;
    }
}
