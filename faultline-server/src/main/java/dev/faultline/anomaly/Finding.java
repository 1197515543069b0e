package dev.faultline.anomaly;

import dev.faultline.trend.Anomaly;

/**
 * An anomaly found in one pass for one monitor and region, with the status code seen most among
 * the codes it counts (what its alert names as the cause).
 */
record Finding(String region, Anomaly anomaly, int status) {

    Key key(String monitorId) {
        return new Key(monitorId, region, anomaly.kind());
    }

    /** What at most one open anomaly exists for. */
    record Key(String monitorId, String region, Anomaly.Kind kind) {
    }
}
