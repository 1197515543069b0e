package dev.faultline.anomaly;

import dev.faultline.check.Cause;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Rollup history written straight into the store's tables, as the result writer would have
 * rolled it up: every check counted in its hour bucket, and in its minute bucket when it falls in
 * the last {@link #MINUTES_KEPT} before {@code now} (older minutes are never read by the
 * evaluator, so they are left out to keep the tests quick).
 */
public final class RollupRows {

    static final Duration MINUTES_KEPT = Duration.ofHours(3);

    private record Key(String monitor, String region, long bucketUs, int status) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = monitor.compareTo(o.monitor);
            if (c == 0) c = region.compareTo(o.region);
            if (c == 0) c = Long.compare(bucketUs, o.bucketUs);
            return c != 0 ? c : Integer.compare(status, o.status);
        }
    }

    private final Instant now;
    private final Map<Key, Long> hours = new TreeMap<>();
    private final Map<Key, Long> minutes = new TreeMap<>();

    public RollupRows(Instant now) {
        this.now = now;
    }

    /** One check a minute with {@code status} from {@code from} (inclusive) to {@code to} (exclusive). */
    public RollupRows everyMinute(String monitor, String region, Instant from, Instant to, int status) {
        return everyMinute(monitor, region, from, to, minute -> status);
    }

    /** One check a minute, its status chosen by the minute's index from {@code from}. */
    public RollupRows everyMinute(String monitor, String region, Instant from, Instant to, java.util.function.IntUnaryOperator status) {
        int i = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1)), i++) {
            add(monitor, region, t, status.applyAsInt(i));
        }
        return this;
    }

    public RollupRows add(String monitor, String region, Instant at, int status) {
        hours.merge(new Key(monitor, region, micros(at.truncatedTo(ChronoUnit.HOURS)), status), 1L, Long::sum);
        if (!at.isBefore(now.minus(MINUTES_KEPT))) {
            minutes.merge(new Key(monitor, region, micros(at.truncatedTo(ChronoUnit.MINUTES)), status), 1L, Long::sum);
        }
        return this;
    }

    /** Writes (adding to what is there) and forgets what was written. */
    public void writeTo(Jdbi sql) {
        sql.useTransaction(handle -> {
            write(handle.prepareBatch(upsert("rollup_hour")), hours);
            write(handle.prepareBatch(upsert("rollup_minute")), minutes);
        });
        hours.clear();
        minutes.clear();
    }

    private static String upsert(String table) {
        return "INSERT INTO " + table + " (monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us,"
                + " latency_sum_us, latency_max_us) VALUES (:monitor, :bucket, :region, :cause, :status, :checks, 1000,"
                + " :checks * 1000, 1000) ON CONFLICT (monitor_id, bucket_start_us, region, cause, status)"
                + " DO UPDATE SET checks = " + table + ".checks + excluded.checks";
    }

    private static void write(PreparedBatch batch, Map<Key, Long> rows) {
        if (rows.isEmpty()) return;
        rows.forEach((k, checks) -> batch.bind("monitor", k.monitor).bind("bucket", k.bucketUs).bind("region", k.region)
                .bind("cause", cause(k.status).id()).bind("status", k.status).bind("checks", checks).add());
        batch.execute();
    }

    private static Cause cause(int status) {
        return status >= 200 && status < 300 ? Cause.OK : Cause.ofUnexpectedStatus(status);
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
