package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A spike of 401/403 against the monitor's own baseline: the recent share reaches
 * {@code minShare} and lies at least {@code minZ} standard errors above the baseline's share.
 * A monitor that is refused now and then anyway needs a bigger jump than one never refused.
 *
 * @param recent             the window judged
 * @param baseline           the window before it, compared with
 * @param minSamples         fewer checks in the recent window are not judged
 * @param minBaselineSamples fewer checks in the baseline window are no baseline
 */
public record AuthSpike(Duration recent, Duration baseline, long minSamples, long minBaselineSamples,
                        double minShare, double minZ) implements Detector {

    /** The last hour against the week before; at least 10 % of checks and 3 standard errors above. */
    public static final AuthSpike DEFAULT = new AuthSpike(Duration.ofHours(1), Duration.ofDays(7), 10, 100, 0.10, 3);

    public AuthSpike {
        Require.positive(recent, "recent");
        Require.positive(baseline, "baseline");
        Require.atLeast(minSamples, 1, "min_samples");
        Require.atLeast(minBaselineSamples, 1, "min_baseline_samples");
        Require.share(minShare, "min_share");
        Require.atLeast(minZ, 0, "min_z");
    }

    @Override
    public Anomaly.Kind kind() {
        return Anomaly.Kind.AUTH_SPIKE;
    }

    @Override
    public Optional<Anomaly> detect(List<TrendBucket> series, StatusSet expected, Instant now) {
        Comparison seen = Comparison.of(series, kind(), expected, recent, baseline, now);
        if (!seen.hasSamples(minSamples, minBaselineSamples)) return Optional.empty();
        if (!seen.current().reaches(minShare) || seen.zScore() < minZ - 1e-9) return Optional.empty();
        return Optional.of(Anomaly.of(kind(), seen, TrendAdvice.compared(seen.codesSeen(), seen)));
    }
}
