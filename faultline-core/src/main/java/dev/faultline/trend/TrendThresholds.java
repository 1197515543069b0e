package dev.faultline.trend;

import java.util.List;
import java.util.Objects;

/**
 * The detectors with their thresholds: the {@code trends} block of the configuration, with
 * {@link #DEFAULTS} for what is not set.
 */
public record TrendThresholds(RisingNotFound notFound, AuthSpike authSpike, RateLimiting rateLimited,
                              FrequentServerErrors serverErrors) {

    public static final TrendThresholds DEFAULTS = new TrendThresholds(RisingNotFound.DEFAULT, AuthSpike.DEFAULT,
            RateLimiting.DEFAULT, FrequentServerErrors.DEFAULT);

    public TrendThresholds {
        Objects.requireNonNull(notFound, "notFound");
        Objects.requireNonNull(authSpike, "authSpike");
        Objects.requireNonNull(rateLimited, "rateLimited");
        Objects.requireNonNull(serverErrors, "serverErrors");
    }

    /** Every detector, one per kind, in the order of {@link Anomaly.Kind}. */
    public List<Detector> detectors() {
        return List.of(notFound, authSpike, rateLimited, serverErrors);
    }
}
