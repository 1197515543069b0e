package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sustained rate limiting: 429 on at least {@code minShare} of the recent window's checks, the
 * first and the last of them at least {@code minSpan} apart, so that one burst does not count.
 * Judged against that fixed share, not against a baseline: being throttled is never normal
 * for a monitor. The baseline window's share is reported as context.
 *
 * @param recent     the window judged
 * @param baseline   the window before it, reported for context
 * @param minSamples fewer checks in the recent window are not judged
 * @param minSpan    from the start of the first bucket with a 429 to the end of the last one
 */
public record RateLimiting(Duration recent, Duration baseline, long minSamples, double minShare, Duration minSpan)
        implements Detector {

    /** The last hour: 429 on at least 5 % of checks, spread over at least 15 minutes. */
    public static final RateLimiting DEFAULT = new RateLimiting(Duration.ofHours(1), Duration.ofDays(7), 10, 0.05,
            Duration.ofMinutes(15));

    public RateLimiting {
        Require.positive(recent, "recent");
        Require.positive(baseline, "baseline");
        Require.atLeast(minSamples, 1, "min_samples");
        Require.share(minShare, "min_share");
        Require.positive(minSpan, "min_span");
        if (minSpan.compareTo(recent) > 0) {
            throw new IllegalArgumentException("min_span: " + minSpan + " is longer than the window of " + recent);
        }
    }

    @Override
    public Anomaly.Kind kind() {
        return Anomaly.Kind.RATE_LIMITED;
    }

    @Override
    public Optional<Anomaly> detect(List<TrendBucket> series, StatusSet expected, Instant now) {
        Comparison seen = Comparison.of(series, kind(), expected, recent, baseline, now);
        if (!seen.hasSamples(minSamples, 0) || !seen.current().reaches(minShare)) return Optional.empty();
        Duration span = Timeline.of(series, seen.window(), seen.counted()).spanOfCounted();
        if (span.compareTo(minSpan) < 0) return Optional.empty();
        return Optional.of(Anomaly.of(kind(), seen,
                TrendAdvice.compared(seen.codesSeen(), seen) + "; the 429s went on for " + TrendAdvice.span(span)));
    }
}
