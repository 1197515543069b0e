package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * More 404s than before: the recent share reaches {@code minShare} and is at least
 * {@code factor} times the share in the baseline window before it.
 *
 * @param recent             the window judged
 * @param baseline           the window before it, compared with
 * @param minSamples         fewer checks in the recent window are not judged
 * @param minBaselineSamples fewer checks in the baseline window are no baseline
 */
public record RisingNotFound(Duration recent, Duration baseline, long minSamples, long minBaselineSamples,
                             double minShare, double factor) implements Detector {

    /** A day against the week before; at least 5 % of checks, and three times the week's share. */
    public static final RisingNotFound DEFAULT = new RisingNotFound(Duration.ofHours(24), Duration.ofDays(7), 30, 100, 0.05, 3);

    public RisingNotFound {
        Require.positive(recent, "recent");
        Require.positive(baseline, "baseline");
        Require.atLeast(minSamples, 1, "min_samples");
        Require.atLeast(minBaselineSamples, 1, "min_baseline_samples");
        Require.share(minShare, "min_share");
        Require.atLeast(factor, 1, "factor");
    }

    @Override
    public Anomaly.Kind kind() {
        return Anomaly.Kind.RISING_NOT_FOUND;
    }

    @Override
    public Optional<Anomaly> detect(List<TrendBucket> series, StatusSet expected, Instant now) {
        Comparison seen = Comparison.of(series, kind(), expected, recent, baseline, now);
        if (!seen.hasSamples(minSamples, minBaselineSamples)) return Optional.empty();
        if (!seen.current().reaches(minShare) || !seen.risenBy(factor)) return Optional.empty();
        return Optional.of(Anomaly.of(kind(), seen, TrendAdvice.compared(seen.codesSeen(), seen)));
    }
}
