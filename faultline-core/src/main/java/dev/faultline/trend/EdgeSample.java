package dev.faultline.trend;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Outcome;

import java.time.Instant;
import java.util.Objects;

/**
 * What stale-cache detection needs from one check of an edge monitor.
 *
 * @param up         the check passed or was only degraded
 * @param bodyDigest hex SHA-256 of the body, empty when there was no answer
 */
public record EdgeSample(Instant at, boolean up, String bodyDigest, CacheSignals cache) {

    public EdgeSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(bodyDigest, "bodyDigest");
        Objects.requireNonNull(cache, "cache");
    }

    public static EdgeSample of(CheckResult result) {
        return new EdgeSample(result.startedAt(), result.verdict().outcome() != Outcome.DOWN, result.bodyDigest(),
                CacheSignals.of(result));
    }
}
