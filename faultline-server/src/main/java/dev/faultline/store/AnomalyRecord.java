package dev.faultline.store;

import dev.faultline.trend.Anomaly;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored anomaly: what the trend detectors found for one monitor in one region (or in all its
 * regions together, {@link #ALL_REGIONS}), from when it was first found until it cleared.
 *
 * @param monitorName the monitor's name when it was found
 * @param finding     the finding as last seen: kind, severity, figures and advice
 * @param lastSeenAt  the last evaluation that still found it
 * @param resolvedAt  when it cleared; empty while open
 */
public record AnomalyRecord(long id, String monitorId, String monitorName, String region, Anomaly finding,
                            Instant openedAt, Instant lastSeenAt, Optional<Instant> resolvedAt) {

    /** The region of an anomaly found in all of a monitor's regions together. */
    public static final String ALL_REGIONS = "all";

    public AnomalyRecord {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(monitorName, "monitorName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    public Anomaly.Kind kind() {
        return finding.kind();
    }

    public boolean isOpen() {
        return resolvedAt.isEmpty();
    }
}
