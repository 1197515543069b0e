/**
 * Trends: what the rollups say that single checks cannot. Pure functions over values, with no
 * clock and no I/O: the caller passes the buckets, the results and the instant.
 *
 * <ul>
 *   <li>{@link dev.faultline.trend.Rates}: shares per status class and code over a window.</li>
 *   <li>{@link dev.faultline.trend.Detector}s: rising 404s, 401/403 spikes, rate limiting and
 *       frequent brief 5xx, each an {@link dev.faultline.trend.Anomaly} at info or warning
 *       severity for the dashboard and the digest. Anomalies never open incidents or page.</li>
 *   <li>{@link dev.faultline.trend.RetryAfterBackoff}: when a monitor told to back off checks next.</li>
 *   <li>{@link dev.faultline.trend.MaskedOutage} and {@link dev.faultline.trend.StaleCache}: what a
 *       CDN hides, read from cache headers ({@link dev.faultline.trend.CacheSignals}).</li>
 * </ul>
 *
 * <p>The incident engine already warns of instability from blips it saw itself; the trend side
 * judges frequent 5xx on the stored rates instead, over a day, so they show in the digest too.
 */
package dev.faultline.trend;
