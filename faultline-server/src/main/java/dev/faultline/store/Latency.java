package dev.faultline.store;

import java.time.Duration;

/**
 * Response times over a span: exact count, minimum, mean and maximum; percentiles interpolated
 * within {@link LatencyBuckets} (within a few percent, and never outside the minimum and maximum).
 */
public record Latency(long count, Duration min, Duration avg, Duration max, Duration p50, Duration p95, Duration p99) {
}
