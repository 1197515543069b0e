package dev.faultline.store;

import dev.faultline.check.CheckResult;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes one batch of results in one transaction: the raw rows, the minute and hour rollups the
 * batch adds to, and the newest result per monitor and region. The batch is summed up in memory
 * first, so each rollup row it touches costs one additive upsert and no read.
 */
final class BatchInsert {

    private final Jdbi writes;
    private final String insertResult;
    private final Map<Resolution, String> upsertRollup = new EnumMap<>(Resolution.class);
    private static final String UPSERT_LATEST = "INSERT INTO latest_results (monitor_id, region, started_at_us)"
            + " VALUES (:monitor, :region, :startedAt) ON CONFLICT (monitor_id, region) DO UPDATE"
            + " SET started_at_us = excluded.started_at_us WHERE excluded.started_at_us > latest_results.started_at_us";

    BatchInsert(Jdbi writes, Dialect dialect) {
        this.writes = writes;
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

    void write(List<CheckResult> results) {
        Map<Resolution, Map<RollupKey, Tally>> rollups = new EnumMap<>(Resolution.class);
        for (Resolution resolution : Resolution.values()) {
            rollups.put(resolution, tally(results, resolution.micros()));
        }
        Map<LatestKey, Long> latest = results.stream().collect(Collectors.toMap(
                r -> new LatestKey(ResultRows.clean(r.monitor()), ResultRows.clean(r.region())),
                r -> Micros.of(r.startedAt()), Math::max));
        writes.useTransaction(handle -> {
            PreparedBatch insert = handle.prepareBatch(insertResult);
            results.forEach(r -> ResultRows.bind(insert, r));
            insert.execute();
            rollups.forEach((resolution, tallies) -> upsert(handle, upsertRollup.get(resolution), tallies));
            PreparedBatch newest = handle.prepareBatch(UPSERT_LATEST);
            latest.forEach((key, startedAt) -> newest.bind("monitor", key.monitor()).bind("region", key.region())
                    .bind("startedAt", startedAt).add());
            newest.execute();
        });
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

    private static void upsert(Handle handle, String sql, Map<RollupKey, Tally> tallies) {
        PreparedBatch batch = handle.prepareBatch(sql);
        tallies.forEach((key, tally) -> {
            batch.bind("monitor", key.monitor()).bind("bucket", key.bucketStart()).bind("region", key.region())
                    .bind("cause", key.cause()).bind("status", key.status()).bind("checks", tally.checks)
                    .bind("min", tally.min).bind("sum", tally.sum).bind("max", tally.max);
            for (int k = 0; k < LatencyBuckets.COUNT; k++) {
                long count = tally.histogram[k];
                batch.bind(LatencyBuckets.column(k), count == 0 ? null : Long.valueOf(count));
            }
            batch.add();
        });
        batch.execute();
    }

    private static String upsertRollup(Dialect dialect, String table) {
        String buckets = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(LatencyBuckets::column)
                .collect(Collectors.joining(", "));
        String bucketParams = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(k -> ":" + LatencyBuckets.column(k))
                .collect(Collectors.joining(", "));
        // Empty buckets stay NULL: PostgreSQL then spends a bit on them, not four bytes.
        String addBuckets = IntStream.range(0, LatencyBuckets.COUNT).mapToObj(LatencyBuckets::column)
                .map(h -> h + " = NULLIF(COALESCE(" + table + "." + h + ", 0) + COALESCE(excluded." + h + ", 0), 0)")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us,"
                + " latency_sum_us, latency_max_us, " + buckets + ") VALUES (:monitor, :bucket, :region, :cause, :status,"
                + " :checks, :min, :sum, :max, " + bucketParams + ")"
                + " ON CONFLICT (monitor_id, bucket_start_us, region, cause, status) DO UPDATE SET"
                + " checks = " + table + ".checks + excluded.checks,"
                + " latency_min_us = " + dialect.least(table + ".latency_min_us", "excluded.latency_min_us") + ","
                + " latency_sum_us = " + table + ".latency_sum_us + excluded.latency_sum_us,"
                + " latency_max_us = " + dialect.greatest(table + ".latency_max_us", "excluded.latency_max_us") + ", "
                + addBuckets;
    }
}
