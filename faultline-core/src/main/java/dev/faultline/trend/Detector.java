package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One pattern in a monitor's rollups, with its thresholds. Pure: the same series, expected
 * codes and instant always give the same answer. Too few checks to judge give no anomaly.
 */
public sealed interface Detector permits RisingNotFound, AuthSpike, RateLimiting, FrequentServerErrors {

    Anomaly.Kind kind();

    /**
     * @param series   the monitor's rollup buckets (one region's, or all regions' together),
     *                 reaching back far enough for the detector's baseline
     * @param expected the monitor's expected status codes: those are never counted against it
     * @param now      the end of the recent window
     */
    Optional<Anomaly> detect(List<TrendBucket> series, StatusSet expected, Instant now);
}
