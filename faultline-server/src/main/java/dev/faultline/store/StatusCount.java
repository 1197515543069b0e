package dev.faultline.store;

import java.time.Instant;

/**
 * How many checks of one monitor, in one region and one rollup bucket, ended with one status
 * code (0: no HTTP answer), whatever their cause: what the trend detectors count.
 */
public record StatusCount(String monitorId, String region, Instant bucketStart, int status, long checks) {
}
