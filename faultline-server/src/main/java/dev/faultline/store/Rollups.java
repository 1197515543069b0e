package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import dev.faultline.check.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Reads the minute and hour rollups: series for charts, summaries, and uptime. */
public final class Rollups {

    /** The uptime windows, in the order of {@link Uptime}'s components. */
    static final List<Duration> WINDOWS = List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90));

    // The causes that count as available: up and degraded. Enum ids are [a-z_], safe to inline.
    private static final String AVAILABLE_CAUSES = Arrays.stream(Cause.values()).filter(c -> c.outcome() != Outcome.DOWN)
            .map(c -> "'" + c.id() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final String ROW_COLUMNS = "bucket_start_us, cause, status, checks, latency_min_us, latency_sum_us,"
            + " latency_max_us, " + IntStream.range(0, LatencyBuckets.COUNT).mapToObj(LatencyBuckets::column)
            .collect(Collectors.joining(", "));
    private static final String UPTIME = uptimeSql();

    private final Jdbi reads;

    Rollups(Jdbi reads) {
        this.reads = reads;
    }

    /** One rollup per bucket that has checks, oldest first, for buckets starting in [from, to). */
    public List<Rollup> series(String monitorId, Resolution resolution, Instant from, Instant to) {
        return series(monitorId, resolution, from, to, Optional.empty());
    }

    /** {@link #series(String, Resolution, Instant, Instant)} of one probe region, or of all when empty. */
    public List<Rollup> series(String monitorId, Resolution resolution, Instant from, Instant to, Optional<String> region) {
        TreeMap<Long, Sum> buckets = new TreeMap<>();
        rows(monitorId, resolution, from, to, region).forEach(row -> buckets.computeIfAbsent(row.bucket(), b -> new Sum()).add(row));
        List<Rollup> series = new ArrayList<>();
        buckets.forEach((bucket, sum) -> series.add(sum.toRollup(Micros.instant(bucket))));
        return series;
    }

    /**
     * The checks of many monitors by region, bucket and status code, for buckets starting in
     * [from, to): one query for the lot, reading only the key columns and the counts (no latency),
     * ordered by monitor, region and bucket.
     */
    public List<StatusCount> statusCounts(Collection<String> monitorIds, Resolution resolution, Instant from, Instant to) {
        if (monitorIds.isEmpty()) return List.of();
        // In the primary key's order, so that the database groups as it reads.
        String sql = "SELECT monitor_id, bucket_start_us, region, status, SUM(checks) AS checks FROM " + resolution.table()
                + " WHERE monitor_id IN (<monitors>) AND bucket_start_us >= :from AND bucket_start_us < :to"
                + " GROUP BY monitor_id, bucket_start_us, region, status ORDER BY monitor_id, bucket_start_us, region, status";
        return reads.withHandle(handle -> handle.createQuery(sql).bindList("monitors", List.copyOf(monitorIds))
                .bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .map((rs, ctx) -> StatusCount.read(rs)).list());
    }

    /** {@link #statusCounts(Collection, Resolution, Instant, Instant)} of every monitor, for a short span (read by time). */
    public List<StatusCount> statusCounts(Resolution resolution, Instant from, Instant to) {
        String sql = "SELECT monitor_id, bucket_start_us, region, status, SUM(checks) AS checks FROM " + resolution.table()
                + " WHERE bucket_start_us >= :from AND bucket_start_us < :to"
                + " GROUP BY monitor_id, bucket_start_us, region, status ORDER BY monitor_id, bucket_start_us, region, status";
        return reads.withHandle(handle -> handle.createQuery(sql).bind("from", Micros.of(from)).bind("to", Micros.of(to))
                .map((rs, ctx) -> StatusCount.read(rs)).list());
    }

    /** Every check in the buckets starting in [from, to), as one rollup that starts at {@code from}. */
    public Rollup summary(String monitorId, Resolution resolution, Instant from, Instant to) {
        Sum sum = new Sum();
        rows(monitorId, resolution, from, to, Optional.empty()).forEach(sum::add);
        return sum.toRollup(from);
    }

    /**
     * Availability over the last 24 hours, 7, 30 and 90 days before {@code now}, from the
     * rollups alone in one query: the whole hours of each window from the hour rollups, the
     * partial hours at its two ends from the minute rollups (while they are kept).
     */
    public Uptime uptime(String monitorId, Instant now) {
        long end = Micros.of(now);
        long hour = Resolution.HOUR.micros();
        long minute = Resolution.MINUTE.micros();
        long currentHour = Micros.floor(end, hour);
        return reads.withHandle(handle -> {
            Query query = handle.createQuery(UPTIME).bind("monitor", monitorId).bind("currentHour", currentHour)
                    .bind("end", end);
            for (int w = 0; w < WINDOWS.size(); w++) {
                long start = end - Micros.of(WINDOWS.get(w));
                query.bind("firstHour" + w, Micros.ceil(start, hour)).bind("firstMinute" + w, Micros.floor(start, minute));
            }
            return query.map((rs, ctx) -> new Uptime(now, availability(rs, 0), availability(rs, 1), availability(rs, 2),
                    availability(rs, 3))).one();
        });
    }

    private static Uptime.Availability availability(ResultSet rs, int window) throws SQLException {
        return new Uptime.Availability(rs.getLong("checks" + window), rs.getLong("available" + window));
    }

    /*
     * Rows are tagged by their part: -1 an hour row (counted by a window when it starts at or after
     * the window's first whole hour), -2 a minute row of the current hour (counted by every window),
     * w a minute row of window w's first, partial hour (counted by that window alone: the others
     * count that hour whole).
     */
    private static String uptimeSql() {
        StringBuilder sums = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        parts.append("SELECT -1 AS part, bucket_start_us, cause, checks FROM rollup_hour WHERE monitor_id = :monitor")
                .append(" AND bucket_start_us >= :firstHour3 AND bucket_start_us < :currentHour")
                .append(" UNION ALL SELECT -2, bucket_start_us, cause, checks FROM rollup_minute WHERE monitor_id = :monitor")
                .append(" AND bucket_start_us >= :currentHour AND bucket_start_us <= :end");
        for (int w = 0; w < WINDOWS.size(); w++) {
            String in = "(part = -1 AND bucket_start_us >= :firstHour" + w + ") OR part = -2 OR part = " + w;
            sums.append(w == 0 ? "" : ", ")
                    .append("COALESCE(SUM(CASE WHEN ").append(in).append(" THEN checks ELSE 0 END), 0) AS checks").append(w)
                    .append(", COALESCE(SUM(CASE WHEN (").append(in).append(") AND cause IN ").append(AVAILABLE_CAUSES)
                    .append(" THEN checks ELSE 0 END), 0) AS available").append(w);
            parts.append(" UNION ALL SELECT ").append(w).append(", bucket_start_us, cause, checks FROM rollup_minute")
                    .append(" WHERE monitor_id = :monitor AND bucket_start_us >= :firstMinute").append(w)
                    .append(" AND bucket_start_us < :firstHour").append(w);
        }
        return "SELECT " + sums + " FROM (" + parts + ") parts";
    }

    private List<Row> rows(String monitorId, Resolution resolution, Instant from, Instant to, Optional<String> region) {
        String sql = "SELECT " + ROW_COLUMNS + " FROM " + resolution.table()
                + " WHERE monitor_id = :monitor AND bucket_start_us >= :from AND bucket_start_us < :to"
                + (region.isPresent() ? " AND region = :region" : "");
        return reads.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("monitor", monitorId)
                    .bind("from", Micros.of(from)).bind("to", Micros.of(to));
            region.ifPresent(r -> query.bind("region", r));
            return query.map((rs, ctx) -> Row.read(rs)).list();
        });
    }

    /** One rollup row: the checks of one bucket, cause and status code. */
    private record Row(long bucket, Cause cause, int status, Tally tally) {
        static Row read(ResultSet rs) throws SQLException {
            String id = rs.getString("cause");
            Cause cause = Cause.fromId(id).orElseThrow(() -> new IllegalStateException("unknown cause '" + id + "' in a rollup"));
            Tally tally = new Tally();
            tally.checks = rs.getLong("checks");
            tally.min = rs.getLong("latency_min_us");
            tally.sum = rs.getLong("latency_sum_us");
            tally.max = rs.getLong("latency_max_us");
            for (int k = 0; k < LatencyBuckets.COUNT; k++) {
                tally.histogram[k] = rs.getLong(LatencyBuckets.column(k)); // NULL reads as 0
            }
            return new Row(rs.getLong("bucket_start_us"), cause, rs.getInt("status"), tally);
        }
    }

    /** Rows added up into one rollup. */
    private static final class Sum {
        private final Map<Cause, Long> causes = new EnumMap<>(Cause.class);
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private final Tally answered = new Tally();

        void add(Row row) {
            causes.merge(row.cause(), row.tally().checks, Long::sum);
            if (row.status() != 0) {
                statuses.merge(row.status(), row.tally().checks, Long::sum);
                answered.add(row.tally());
            }
        }

        Rollup toRollup(Instant start) {
            Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
            Map<Fault, Long> faults = new EnumMap<>(Fault.class);
            causes.forEach((cause, n) -> {
                outcomes.merge(cause.outcome(), n, Long::sum);
                if (cause.fault() != Fault.NONE) faults.merge(cause.fault(), n, Long::sum);
            });
            long checks = causes.values().stream().mapToLong(Long::longValue).sum();
            return new Rollup(start, checks, outcomes.getOrDefault(Outcome.UP, 0L),
                    outcomes.getOrDefault(Outcome.DEGRADED, 0L), outcomes.getOrDefault(Outcome.DOWN, 0L),
                    faults, causes, statuses, answered.latency());
        }
    }
}
