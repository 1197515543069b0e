package dev.faultline.store;

import dev.faultline.check.CheckResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Writes one batch of results in one transaction: the raw rows, the minute and hour rollups the
 * batch adds to, and the newest result per monitor and region. The batch is summed up in memory
 * first, so each rollup row it touches costs one additive upsert and no read.
 *
 * <p>Plain JDBC, not JDBI as the rest of the store: this runs for every batch, up to several
 * times a second with a few results each, and a JDBI handle's set-up was a fifth of such a batch's
 * CPU (BENCHMARKS.md); so are its statements kept from batch to batch ({@link KeptStatements}).
 */
final class BatchInsert {

    private final DataSource writes;
    private final String insertResult;
    private final Map<Resolution, String> upsertRollup = new EnumMap<>(Resolution.class);
    private static final String UPSERT_LATEST = "INSERT INTO latest_results (monitor_id, region, started_at_us)"
            + " VALUES (?, ?, ?) ON CONFLICT (monitor_id, region) DO UPDATE"
            + " SET started_at_us = excluded.started_at_us WHERE excluded.started_at_us > latest_results.started_at_us";

    private final KeptStatements statements;

    /** @param writes the store's source of writes (for SQLite its one write connection) */
    BatchInsert(DataSource writes, Dialect dialect) {
        this.writes = writes;
        this.statements = KeptStatements.forDialect(dialect);
        this.insertResult = ResultRows.insert(dialect);
        for (Resolution resolution : Resolution.values()) {
            upsertRollup.put(resolution, upsertRollup(dialect, resolution.table()));
        }
    }

    /** The rollup row a result counts in. */
    private record RollupKey(String monitor, String region, long bucketStart, String cause, int status) {
    }

    private record LatestKey(String monitor, String region) {
    }

    /** Statements prepared so far (kept from batch to batch on SQLite: {@link KeptStatements}). */
    long statementsPrepared() {
        return statements.prepared();
    }

    void write(List<CheckResult> results) {
        try {
            Summary summary = summarise(results);
            inTransaction(connection -> {
                insert(connection, results, summary.rollups(), summary.latest());
                return null;
            });
        } catch (SQLException e) {
            throw new UncheckedSQLException(e);
        }
    }

    /**
     * Writes an agent's batch unless a batch of this id was written before, in one transaction
     * with the id, so that the batch is stored exactly once however often it is sent.
     *
     * @return false when the batch had been written already (nothing is written then)
     */
    boolean writeOnce(String batchId, String region, List<CheckResult> results, long receivedAtMicros) {
        Summary summary = summarise(results);
        try {
            return inTransaction(connection -> {
                boolean first = statements.with(connection, INSERT_BATCH, mark -> {
                    Parameters p = new Parameters(mark);
                    p.text(batchId);
                    p.text(region);
                    p.number(results.size());
                    p.number(receivedAtMicros);
                    return mark.executeUpdate() > 0;
                });
                if (!first) return false;
                if (!results.isEmpty()) insert(connection, results, summary.rollups(), summary.latest());
                return true;
            });
        } catch (SQLException e) {
            throw new UncheckedSQLException(e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed whole, or rolled back whole and the failure thrown. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        // Closing gives the connection back to the pool, which turns auto-commit on again.
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private static final String INSERT_BATCH = "INSERT INTO agent_batches (batch_id, region, results, received_at_us)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING";

    private record Summary(Map<Resolution, Map<RollupKey, Tally>> rollups, Map<LatestKey, Long> latest) {
    }

    private Summary summarise(List<CheckResult> results) {
        Map<Resolution, Map<RollupKey, Tally>> rollups = new EnumMap<>(Resolution.class);
        for (Resolution resolution : Resolution.values()) {
            rollups.put(resolution, tally(results, resolution.micros()));
        }
        Map<LatestKey, Long> latest = results.stream().collect(Collectors.toMap(
                r -> new LatestKey(ResultRows.clean(r.monitor()), ResultRows.clean(r.region())),
                r -> Micros.of(r.startedAt()), Math::max));
        return new Summary(rollups, latest);
    }

    private void insert(Connection connection, List<CheckResult> results, Map<Resolution, Map<RollupKey, Tally>> rollups,
                        Map<LatestKey, Long> latest) throws SQLException {
        statements.with(connection, insertResult, insert -> {
            for (CheckResult r : results) ResultRows.addTo(insert, r);
            return insert.executeBatch();
        });
        for (Resolution resolution : Resolution.values()) {
            upsert(connection, upsertRollup.get(resolution), rollups.get(resolution));
        }
        statements.with(connection, UPSERT_LATEST, newest -> {
            for (Map.Entry<LatestKey, Long> entry : latest.entrySet()) {
                Parameters p = new Parameters(newest);
                p.text(entry.getKey().monitor());
                p.text(entry.getKey().region());
                p.number(entry.getValue().longValue());
                newest.addBatch();
            }
            return newest.executeBatch();
        });
    }

    /** A batch the database refused; the writer retries it. */
    static final class UncheckedSQLException extends RuntimeException {
        UncheckedSQLException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static Map<RollupKey, Tally> tally(List<CheckResult> results, long bucketMicros) {
        Map<RollupKey, Tally> tallies = new HashMap<>();
        for (CheckResult r : results) {
            RollupKey key = new RollupKey(ResultRows.clean(r.monitor()), ResultRows.clean(r.region()),
                    Micros.floor(Micros.of(r.startedAt()), bucketMicros), r.verdict().cause().id(), r.status());
            tallies.computeIfAbsent(key, k -> new Tally()).add(Micros.of(r.timings().total()));
        }
        return tallies;
    }

    private void upsert(Connection connection, String sql, Map<RollupKey, Tally> tallies) throws SQLException {
        statements.with(connection, sql, upsert -> {
            for (Map.Entry<RollupKey, Tally> entry : tallies.entrySet()) {
                RollupKey key = entry.getKey();
                Tally tally = entry.getValue();
                Parameters p = new Parameters(upsert);
                p.text(key.monitor());
                p.number(key.bucketStart());
                p.text(key.region());
                p.text(key.cause());
                p.number(key.status());
                p.number(tally.checks);
                p.number(tally.min);
                p.number(tally.sum);
                p.number(tally.max);
                for (long count : tally.histogram) p.number(count == 0 ? null : Long.valueOf(count));
                upsert.addBatch();
            }
            return upsert.executeBatch();
        });
    }

    private static String upsertRollup(Dialect dialect, String table) {
        String buckets = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(LatencyBuckets::column)
                .collect(Collectors.joining(", "));
        String bucketParams = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(k -> "?")
                .collect(Collectors.joining(", "));
        // Empty buckets stay NULL: PostgreSQL then spends a bit on them, not four bytes.
        String addBuckets = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(LatencyBuckets::column)
                .map(h -> h + " = NULLIF(COALESCE(" + table + "." + h + ", 0) + COALESCE(excluded." + h + ", 0), 0)")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us,"
                + " latency_sum_us, latency_max_us, " + buckets + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + bucketParams + ")"
                + " ON CONFLICT (monitor_id, bucket_start_us, region, cause, status) DO UPDATE SET"
                + " checks = " + table + ".checks + excluded.checks,"
                + " latency_min_us = " + dialect.least(table + ".latency_min_us", "excluded.latency_min_us") + ","
                + " latency_sum_us = " + table + ".latency_sum_us + excluded.latency_sum_us,"
                + " latency_max_us = " + dialect.greatest(table + ".latency_max_us", "excluded.latency_max_us") + ", "
                + addBuckets;
    }
}
