package dev.faultline.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A year of hour rollups for a fleet of monitors, generated in SQL straight into the store's
 * tables (the store must be closed meanwhile): per monitor and hour one {@code ok}/200 row of 60
 * checks, and in one hour in a hundred (scattered) 3 of them a {@code service_unavailable}/503
 * instead. Also the minute rollups that the uptime query reads at the partial first hour of its
 * 24 h, 7 d and 30 d windows (minute rollups are kept 30 days). The by-time index (and on
 * PostgreSQL the primary key) is dropped while generating and built again after, as the
 * migration defines it: the same schema, reached in a fraction of the time.
 *
 * @param first the first hour generated; the last is the hour before {@code end}
 */
record RollupHistory(int monitors, Instant first, Instant end) {

    private static final long HOUR_US = 3_600_000_000L;
    private static final long MINUTE_US = 60_000_000L;
    // One hour in a hundred per monitor, scattered: a pure function of the monitor (i) and the hour (n).
    private static final String DOWN = "(i * 7919 + n * 104729) % 100 = 0";

    long hours() {
        return Duration.between(first, end).toHours();
    }

    /** Generates the rows; returns how many hour and minute rows it wrote. */
    long[] generate(BenchDatabase database, Instant now) throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            boolean sqlite = database instanceof BenchDatabase.Sqlite;
            if (sqlite) {
                sql.execute("PRAGMA journal_mode=OFF");
                sql.execute("PRAGMA synchronous=OFF");
                sql.execute("PRAGMA cache_size=-262144");
            }
            connection.setAutoCommit(false);
            sql.execute("DROP INDEX rollup_hour_by_time");
            if (!sqlite) sql.execute("ALTER TABLE rollup_hour DROP CONSTRAINT rollup_hour_pkey");
            long hourRows = sql.executeUpdate(hourRows(sqlite, "'ok'", 200, "CASE WHEN %s THEN 57 ELSE 60 END".formatted(DOWN),
                    "1=1"));
            hourRows += sql.executeUpdate(hourRows(sqlite, "'service_unavailable'", 503, "3", DOWN));
            if (!sqlite) {
                sql.execute("ALTER TABLE rollup_hour ADD CONSTRAINT rollup_hour_pkey"
                        + " PRIMARY KEY (monitor_id, bucket_start_us, region, cause, status)");
            }
            sql.execute("CREATE INDEX rollup_hour_by_time ON rollup_hour (bucket_start_us)");
            long minuteRows = 0;
            for (Duration window : List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30))) {
                Instant edge = now.minus(window).truncatedTo(ChronoUnit.HOURS);
                minuteRows += sql.executeUpdate(minuteRows(sqlite, edge));
            }
            connection.commit();
            connection.setAutoCommit(true);
            if (sqlite) {
                sql.execute("PRAGMA journal_mode=WAL");
            } else {
                // As autovacuum would have long since done on a server with a year of data.
                sql.execute("ANALYZE");
            }
            return new long[] {hourRows, minuteRows};
        }
    }

    // One hour in a hundred per monitor, scattered: a pure function of the monitor and the hour.
    private static String down(boolean sqlite) {
        return "(i * 7919 + n * 104729) % 100 = 0";
    }

    private String hourRows(boolean sqlite, String cause, int status, String checks, String where) {
        String columns = "monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us, latency_sum_us,"
                + " latency_max_us, h03, h04, h05";
        // Latency: about 0.7 ms, spread over three buckets (about 0.5-0.7, 0.7-1, 1-1.4 ms).
        String values = monitorId(sqlite) + ", " + micros(first) + " + n * " + HOUR_US + ", 'local', " + cause + ", " + status
                + ", " + checks + ", 450, " + checks + " * 700, 1300, " + checks + " - " + (status == 200 ? "20" : "0")
                + ", " + (status == 200 ? "15, 5" : "NULL, NULL");
        return "INSERT INTO rollup_hour (" + columns + ") SELECT " + values + " FROM " + series(sqlite, "i", monitors)
                + " CROSS JOIN " + series(sqlite, "n", hours()) + " WHERE " + where;
    }

    private String minuteRows(boolean sqlite, Instant hour) {
        String columns = "monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us, latency_sum_us,"
                + " latency_max_us, h03";
        String values = monitorId(sqlite) + ", " + micros(hour) + " + n * " + MINUTE_US + ", 'local', 'ok', 200, 1, 700, 700, 700, 1";
        return "INSERT INTO rollup_minute (" + columns + ") SELECT " + values + " FROM " + series(sqlite, "i", monitors)
                + " CROSS JOIN " + series(sqlite, "n", 60);
    }

    private static String monitorId(boolean sqlite) {
        return sqlite ? "printf('m-%05d', i)" : "'m-' || lpad(i::text, 5, '0')";
    }

    // 0 .. count-1 as a table with one column; SQLite keeps CROSS JOIN's order, so rows come in key order.
    private static String series(boolean sqlite, String column, long count) {
        return sqlite
                ? "(WITH RECURSIVE s(" + column + ") AS (SELECT 0 UNION ALL SELECT " + column + " + 1 FROM s WHERE " + column
                        + " < " + (count - 1) + ") SELECT " + column + " FROM s)"
                : "generate_series(CAST(0 AS BIGINT), " + (count - 1) + ") AS " + column + "_(" + column + ")";
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
