package dev.faultline.alert.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@link OutboxDispatcher} sends.
 *
 * @param retry              when to try a failed send again, and when to give up
 * @param rateLimit          the limit of every channel without one of its own
 * @param channelRateLimits  limits for named channels
 * @param inFlightPerChannel sends under way at once to one channel; 1 keeps each channel's alerts in order
 * @param pollInterval       the longest the dispatcher sleeps without being woken (alerts enqueued
 *                           by another process are seen within it)
 * @param closeGrace         how long closing waits for sends under way to finish and be recorded
 */
public record DispatchSettings(RetryPolicy retry, RateLimit rateLimit, Map<String, RateLimit> channelRateLimits,
                               int inFlightPerChannel, Duration pollInterval, Duration closeGrace) {

    public static final DispatchSettings DEFAULT = new DispatchSettings(RetryPolicy.DEFAULT, RateLimit.DEFAULT, Map.of(), 1,
            Duration.ofSeconds(2), Duration.ofSeconds(5));

    public DispatchSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(rateLimit, "rateLimit");
        channelRateLimits = Map.copyOf(channelRateLimits);
        if (inFlightPerChannel < 1) throw new IllegalArgumentException("inFlightPerChannel: at least 1");
        requirePositive(pollInterval, "pollInterval");
        Objects.requireNonNull(closeGrace, "closeGrace");
    }

    RateLimit rateLimitOf(String channel) {
        return channelRateLimits.getOrDefault(channel, rateLimit);
    }

    public DispatchSettings withRetry(RetryPolicy retry) {
        return new DispatchSettings(retry, rateLimit, channelRateLimits, inFlightPerChannel, pollInterval, closeGrace);
    }

    public DispatchSettings withRateLimit(RateLimit rateLimit) {
        return new DispatchSettings(retry, rateLimit, channelRateLimits, inFlightPerChannel, pollInterval, closeGrace);
    }

    public DispatchSettings withPollInterval(Duration pollInterval) {
        return new DispatchSettings(retry, rateLimit, channelRateLimits, inFlightPerChannel, pollInterval, closeGrace);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive");
    }
}
