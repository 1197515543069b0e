package dev.faultline.alert.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed send again: exponential backoff with full jitter (a uniformly random wait
 * between zero and {@code base × 2^(failures − 1)}, capped), never sooner than the provider's
 * Retry-After, and never after the alert has waited {@code giveUpAfter} in all: the last attempt
 * is made at that moment, and if it fails too the alert is dead.
 *
 * <p>Full jitter spreads the retries of many alerts that failed together (a provider outage) over
 * the whole window instead of sending them back in lockstep.
 */
public record RetryPolicy(Duration base, Duration cap, Duration giveUpAfter) {

    /** 5 s, doubling up to 30 min between attempts, for 6 hours. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofHours(6));

    public RetryPolicy {
        requirePositive(base, "base");
        requirePositive(cap, "cap");
        requirePositive(giveUpAfter, "giveUpAfter");
        if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap: must not be shorter than the base");
    }

    /**
     * The next attempt after a failure, or empty to give up.
     *
     * @param createdAt  when the alert was enqueued: the give-up time counts from there
     * @param failures   failed attempts so far, this one included (at least 1)
     * @param now        when this attempt failed
     * @param retryAfter the provider's own wait, if it gave one
     * @param jitter     a uniformly random fraction in [0, 1)
     */
    public Optional<Instant> nextAttempt(Instant createdAt, int failures, Instant now, Optional<Duration> retryAfter,
                                         double jitter) {
        if (failures < 1) throw new IllegalArgumentException("failures: at least 1");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter: a fraction in [0, 1)");
        Instant deadline = createdAt.plus(giveUpAfter);
        if (!now.isBefore(deadline)) return Optional.empty();
        Duration wait = Duration.ofNanos((long) (ceiling(failures).toNanos() * jitter));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) wait = retryAfter.get();
        Instant next = now.plus(wait);
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }

    /** The longest wait after this many failures: {@code base × 2^(failures − 1)}, at most the cap. */
    Duration ceiling(int failures) {
        int doublings = Math.min(failures - 1, 40); // 2^40 × any base is past any cap
        Duration grown = base.multipliedBy(1L << doublings);
        return grown.compareTo(cap) > 0 ? cap : grown;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive");
    }
}
