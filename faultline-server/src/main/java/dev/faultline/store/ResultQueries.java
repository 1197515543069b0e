package dev.faultline.store;

import dev.faultline.check.CheckResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Reads stored check results. */
public final class ResultQueries {

    /** The most results one page holds. */
    public static final int MAX_LIMIT = 1_000;

    private final Jdbi reads;

    ResultQueries(Jdbi reads) {
        this.reads = reads;
    }

    /**
     * A monitor's results, newest first (ties in time broken by row id, so paging never skips or repeats one).
     *
     * @param limit  1 to {@link #MAX_LIMIT}
     * @param since  only results that started at or after this instant
     * @param before only results after this position: the {@code next} of the previous page
     */
    public ResultPage recent(String monitorId, int limit, Optional<Instant> since, Optional<ResultCursor> before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is outside 1 to " + MAX_LIMIT);
        }
        StringBuilder sql = new StringBuilder("SELECT " + ResultRows.COLUMNS + " FROM results WHERE monitor_id = :monitor");
        since.ifPresent(s -> sql.append(" AND started_at_us >= :since"));
        before.ifPresent(c -> sql.append(" AND (started_at_us < :beforeTime OR (started_at_us = :beforeTime AND id < :beforeId))"));
        sql.append(" ORDER BY started_at_us DESC, id DESC LIMIT :limit");
        return reads.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("monitor", monitorId).bind("limit", limit + 1);
            since.ifPresent(s -> query.bind("since", Micros.of(s)));
            before.ifPresent(c -> query.bind("beforeTime", Micros.of(c.startedAt())).bind("beforeId", c.id()));
            List<Row> rows = query.map((rs, ctx) -> new Row(ResultRows.read(rs), ResultRows.cursor(rs))).list();
            List<CheckResult> results = rows.stream().limit(limit).map(Row::result).toList();
            return new ResultPage(results, rows.size() > limit ? Optional.of(rows.get(limit - 1).cursor()) : Optional.empty());
        });
    }

    private record Row(CheckResult result, ResultCursor cursor) {
    }

    /** The newest result of a monitor, from any region. */
    public Optional<CheckResult> latest(String monitorId) {
        return recent(monitorId, 1, Optional.empty(), Optional.empty()).results().stream().findFirst();
    }

    /**
     * The newest result of every monitor with results, from any region: one small join, cheap
     * enough for every scrape of the metrics.
     */
    public Map<String, CheckResult> latestByMonitor() {
        // CROSS JOIN makes SQLite loop over the small table and look each result up by index, which
        // its planner does not always choose on its own; PostgreSQL plans it as any inner join.
        String sql = "SELECT " + prefixed("r") + " FROM latest_results l CROSS JOIN results r WHERE r.monitor_id = l.monitor_id"
                + " AND r.started_at_us = l.started_at_us AND r.region = l.region";
        return reads.withHandle(handle -> {
            Map<String, CheckResult> newest = new HashMap<>();
            handle.createQuery(sql).map((rs, ctx) -> ResultRows.read(rs)).forEach(result ->
                    newest.merge(result.monitor(), result, (a, b) -> b.startedAt().isAfter(a.startedAt()) ? b : a));
            return newest;
        });
    }

    /**
     * Mean phase times of a monitor's results in [from, to), in {@code slots} equal slots; slots
     * without results are left out. Raw results only: older than their retention, nothing.
     */
    public List<PhaseSlot> phases(String monitorId, Instant from, Instant to, int slots) {
        long start = Micros.of(from);
        long width = Math.max(1, (Micros.of(to) - start) / slots);
        String sql = "SELECT (started_at_us - :from) / :width AS slot, COUNT(*) AS checks, AVG(COALESCE(dns_us, 0)) AS dns,"
                + " AVG(COALESCE(connect_us, 0)) AS connect, AVG(COALESCE(tls_us, 0)) AS tls,"
                + " AVG(COALESCE(first_byte_us, 0)) AS first_byte, AVG(total_us) AS total FROM results"
                + " WHERE monitor_id = :monitor AND started_at_us >= :from AND started_at_us < :to AND status IS NOT NULL"
                + " GROUP BY slot ORDER BY slot"; // by the alias: a repeated bound expression is another expression to PostgreSQL
        return reads.withHandle(handle -> handle.createQuery(sql).bind("monitor", monitorId).bind("from", start)
                .bind("to", Micros.of(to)).bind("width", width)
                .map((rs, ctx) -> new PhaseSlot(Micros.instant(start + rs.getLong("slot") * width), rs.getLong("checks"),
                        Micros.duration((long) rs.getDouble("dns")), Micros.duration((long) rs.getDouble("connect")),
                        Micros.duration((long) rs.getDouble("tls")), Micros.duration((long) rs.getDouble("first_byte")),
                        Micros.duration((long) rs.getDouble("total"))))
                .list());
    }

    private static String prefixed(String alias) {
        return alias + "." + ResultRows.COLUMNS.replace(", ", ", " + alias + ".");
    }
}
