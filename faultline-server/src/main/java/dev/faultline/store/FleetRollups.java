package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Rollup reads for many monitors at once, one query each (GROUP BY monitor): what a page of the
 * overview or a status page shows, without one query per monitor.
 */
public final class FleetRollups {

    // Enum ids are [a-z_], safe to inline.
    private static final String AVAILABLE = Arrays.stream(Cause.values()).filter(c -> c.outcome() != Outcome.DOWN)
            .map(c -> "'" + c.id() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final long DAY_US = Micros.of(Duration.ofDays(1));

    /** Checks and available checks of one monitor in one span. */
    public record Availability(long checks, long available) {
        public static final Availability NONE = new Availability(0, 0);

        /** 0 to 100, or -1 when there were no checks. */
        public double percent() {
            return checks == 0 ? -1 : 100.0 * available / checks;
        }
    }

    /** A monitor's uptime over the last 24 hours, 7 and 30 days. */
    public record Uptimes(Availability day, Availability week, Availability month) {
        public static final Uptimes NONE = new Uptimes(Availability.NONE, Availability.NONE, Availability.NONE);
    }

    /** A point of a response-time sparkline: the mean total time of the answered checks in one bucket. */
    public record LatencyPoint(Instant start, Duration mean) {
    }

    private final Jdbi reads;

    FleetRollups(Jdbi reads) {
        this.reads = reads;
    }

    /**
     * Uptime of each monitor over whole hours: the hour rollups of the window's hours and the
     * minute rollups of the current one (so an hour-old check is counted as soon as it is rolled up).
     */
    public Map<String, Uptimes> uptimes(Collection<String> monitorIds, Instant now) {
        if (monitorIds.isEmpty()) return Map.of();
        long end = Micros.of(now);
        long hour = Resolution.HOUR.micros();
        long currentHour = Micros.floor(end, hour);
        long day = currentHour - Micros.of(Duration.ofHours(23));
        long week = currentHour - Micros.of(Duration.ofDays(7)) + hour;
        long month = currentHour - Micros.of(Duration.ofDays(30)) + hour;
        String in = placeholders(monitorIds.size());
        String sql = "SELECT monitor_id,"
                + sums("d", ":day") + "," + sums("w", ":week") + "," + sums("m", ":month")
                + " FROM (SELECT monitor_id, bucket_start_us, cause, checks FROM rollup_hour WHERE monitor_id IN " + in
                + " AND bucket_start_us >= :month AND bucket_start_us < :currentHour"
                + " UNION ALL SELECT monitor_id, bucket_start_us, cause, checks FROM rollup_minute WHERE monitor_id IN " + in
                + " AND bucket_start_us >= :currentHour AND bucket_start_us <= :end) parts GROUP BY monitor_id";
        return reads.withHandle(handle -> {
            Query query = bindIds(handle.createQuery(sql), monitorIds).bind("day", day).bind("week", week).bind("month", month)
                    .bind("currentHour", currentHour).bind("end", end);
            Map<String, Uptimes> out = new HashMap<>();
            query.map((rs, ctx) -> Map.entry(rs.getString("monitor_id"), new Uptimes(
                    new Availability(rs.getLong("d_checks"), rs.getLong("d_available")),
                    new Availability(rs.getLong("w_checks"), rs.getLong("w_available")),
                    new Availability(rs.getLong("m_checks"), rs.getLong("m_available"))))).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** Mean response time per minute over [from, to), for each monitor, oldest first; minutes without an answer are left out. */
    public Map<String, List<LatencyPoint>> latencyByMinute(Collection<String> monitorIds, Instant from, Instant to) {
        if (monitorIds.isEmpty()) return Map.of();
        String sql = "SELECT monitor_id, bucket_start_us, SUM(checks) AS checks, SUM(latency_sum_us) AS latency FROM rollup_minute"
                + " WHERE monitor_id IN " + placeholders(monitorIds.size())
                + " AND bucket_start_us >= :from AND bucket_start_us < :to AND status <> 0"
                + " GROUP BY monitor_id, bucket_start_us ORDER BY monitor_id, bucket_start_us";
        return reads.withHandle(handle -> {
            Map<String, List<LatencyPoint>> out = new HashMap<>();
            bindIds(handle.createQuery(sql), monitorIds).bind("from", Micros.of(from)).bind("to", Micros.of(to))
                    .map((rs, ctx) -> {
                        long checks = rs.getLong("checks");
                        return Map.entry(rs.getString("monitor_id"), new LatencyPoint(Micros.instant(rs.getLong("bucket_start_us")),
                                Micros.duration(checks == 0 ? 0 : rs.getLong("latency") / checks)));
                    })
                    .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return out;
        });
    }

    /**
     * Availability per UTC day for each monitor, {@code days} days up to and including today: from
     * the hour rollups, and the minute rollups for the current hour. Index 0 is the oldest day.
     */
    public Map<String, List<Availability>> daily(Collection<String> monitorIds, int days, Instant now) {
        if (monitorIds.isEmpty()) return Map.of();
        long end = Micros.of(now);
        long currentHour = Micros.floor(end, Resolution.HOUR.micros());
        long today = Micros.floor(end, DAY_US);
        long first = today - (days - 1L) * DAY_US;
        String in = placeholders(monitorIds.size());
        String sql = "SELECT monitor_id, bucket_start_us / " + DAY_US + " AS day, SUM(checks) AS checks,"
                + " SUM(CASE WHEN cause IN " + AVAILABLE + " THEN checks ELSE 0 END) AS available"
                + " FROM (SELECT monitor_id, bucket_start_us, cause, checks FROM rollup_hour WHERE monitor_id IN " + in
                + " AND bucket_start_us >= :first AND bucket_start_us < :currentHour"
                + " UNION ALL SELECT monitor_id, bucket_start_us, cause, checks FROM rollup_minute WHERE monitor_id IN " + in
                + " AND bucket_start_us >= :currentHour AND bucket_start_us <= :end) parts"
                + " GROUP BY monitor_id, day";
        return reads.withHandle(handle -> {
            Map<String, List<Availability>> out = new HashMap<>();
            for (String id : monitorIds) {
                out.put(id, new ArrayList<>(IntStream.range(0, days).mapToObj(i -> Availability.NONE).toList()));
            }
            bindIds(handle.createQuery(sql), monitorIds).bind("first", first).bind("currentHour", currentHour).bind("end", end)
                    .map((rs, ctx) -> {
                        int index = (int) (rs.getLong("day") - first / DAY_US);
                        List<Availability> list = out.get(rs.getString("monitor_id"));
                        if (list != null && index >= 0 && index < days) {
                            list.set(index, new Availability(rs.getLong("checks"), rs.getLong("available")));
                        }
                        return index;
                    }).list();
            return out;
        });
    }

    private static String sums(String prefix, String from) {
        return " COALESCE(SUM(CASE WHEN bucket_start_us >= " + from + " THEN checks ELSE 0 END), 0) AS " + prefix + "_checks,"
                + " COALESCE(SUM(CASE WHEN bucket_start_us >= " + from + " AND cause IN " + AVAILABLE
                + " THEN checks ELSE 0 END), 0) AS " + prefix + "_available";
    }

    private static String placeholders(int count) {
        return IntStream.range(0, count).mapToObj(i -> ":id" + i).collect(Collectors.joining(", ", "(", ")"));
    }

    private static Query bindIds(Query query, Collection<String> ids) {
        int i = 0;
        for (String id : ids) query.bind("id" + i++, id);
        return query;
    }
}
