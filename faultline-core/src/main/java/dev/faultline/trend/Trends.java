package dev.faultline.trend;

import dev.faultline.check.StatusSet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs every detector over one monitor's series. */
public final class Trends {

    private Trends() {
    }

    /** The anomalies found now, at most one per kind, in the order of {@link Anomaly.Kind}. */
    public static List<Anomaly> anomalies(TrendThresholds thresholds, List<TrendBucket> series, StatusSet expected, Instant now) {
        return thresholds.detectors().stream()
                .map(detector -> detector.detect(series, expected, now))
                .flatMap(Optional::stream)
                .toList();
    }
}
