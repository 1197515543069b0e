package dev.faultline.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * How many checks of one monitor, in one region and one rollup bucket, ended with one status
 * code (0: no HTTP answer), whatever their cause: what the trend detectors count.
 */
public record StatusCount(String monitorId, String region, Instant bucketStart, int status, long checks) {

    static StatusCount read(ResultSet rs) throws SQLException {
        return new StatusCount(rs.getString("monitor_id"), rs.getString("region"), Micros.instant(rs.getLong("bucket_start_us")),
                rs.getInt("status"), rs.getLong("checks"));
    }
}
