package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Frequent brief 5xx: at least {@code minShare} of the recent window's checks got a 5xx, in at
 * least {@code minEpisodes} separate episodes. One long outage is one episode, and the incident
 * engine's business; short ones that keep coming back are instability before an outage. Judged
 * against that fixed share; the baseline window's share is reported as context.
 *
 * <p>An episode is a run of buckets with a 5xx; a bucket with checks and no 5xx ends it. With
 * minute rollups two failures a minute apart are two episodes, with hour rollups one.
 *
 * @param recent     the window judged
 * @param baseline   the window before it, reported for context
 * @param minSamples fewer checks in the recent window are not judged
 */
public record FrequentServerErrors(Duration recent, Duration baseline, long minSamples, double minShare, int minEpisodes)
        implements Detector {

    /** The last day: 5xx on at least 0.5 % of checks (seven a day at one a minute), in three or more episodes. */
    public static final FrequentServerErrors DEFAULT = new FrequentServerErrors(Duration.ofHours(24), Duration.ofDays(7),
            100, 0.005, 3);

    public FrequentServerErrors {
        Require.positive(recent, "recent");
        Require.positive(baseline, "baseline");
        Require.atLeast(minSamples, 1, "min_samples");
        Require.share(minShare, "min_share");
        Require.atLeast(minEpisodes, 2, "min_episodes");
    }

    @Override
    public Anomaly.Kind kind() {
        return Anomaly.Kind.FREQUENT_SERVER_ERRORS;
    }

    @Override
    public Optional<Anomaly> detect(List<TrendBucket> series, StatusSet expected, Instant now) {
        Comparison seen = Comparison.of(series, kind(), expected, recent, baseline, now);
        if (!seen.hasSamples(minSamples, 0) || !seen.current().reaches(minShare)) return Optional.empty();
        int episodes = Timeline.of(series, seen.window(), seen.counted()).episodes();
        if (episodes < minEpisodes) return Optional.empty();
        return Optional.of(Anomaly.of(kind(), seen,
                TrendAdvice.compared(seen.codesSeen(), seen) + ", in " + episodes + " separate episodes"));
    }
}
