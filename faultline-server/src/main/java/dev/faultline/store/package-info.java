/**
 * The store: check results, their rollups and the API's monitors, in SQLite (embedded, the
 * default) or PostgreSQL, through one schema ({@code db/migration}) and one set of queries.
 *
 * <p><b>Write path.</b> {@link dev.faultline.store.ResultWriter} takes results from any thread and
 * writes them from one, a transaction per batch: the raw rows, an additive upsert of each minute
 * and hour rollup row the batch touches (summed in memory first, never read back), and the newest
 * result per monitor and region. Nothing is written per result.
 *
 * <p><b>Rollups.</b> One row per monitor, bucket, region, cause and status code, with the count,
 * latency minimum, sum and maximum, and a fixed log-scale latency histogram
 * ({@code LatencyBuckets}). Outcome and fault follow from the cause, so every count the API
 * needs is a sum of rows; uptime is one query over hour rows plus the minute rows at the
 * windows' partial ends.
 *
 * <p><b>Units.</b> Instants are epoch microseconds and durations microseconds, as BIGINT, in both
 * databases: a stored result reads back equal to the one written, to the microsecond.
 *
 * <p><b>Retention.</b> {@link dev.faultline.store.Store#prune} deletes raw results, minute rollups
 * and hour rollups past their own retention ({@link dev.faultline.store.StoreSettings}); the
 * composition root calls it on a schedule.
 *
 * <p><b>Dialects.</b> What differs between the databases (connections, a few column types, the
 * spelling of LEAST and GREATEST, how JSON parameters are bound) is in {@code SqliteDialect} and
 * {@code PostgresDialect}, nowhere else.
 */
package dev.faultline.store;
