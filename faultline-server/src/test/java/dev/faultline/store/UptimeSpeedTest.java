package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast uptime answers over a year of hour rollups for 1,000 monitors (8.76 million rows).
 * Filling the table takes minutes, so it runs only with {@code -Dfaultline.perf=true}.
 */
class UptimeSpeedTest {

    private static final Logger LOG = LoggerFactory.getLogger(UptimeSpeedTest.class);
    private static final int MONITORS = 1_000;
    private static final int HOURS = 365 * 24;
    private static final Instant NOW = Instant.parse("2026-03-01T12:34:56Z");

    @DatabaseTest
    @EnabledIfSystemProperty(named = "faultline.perf", matches = "true")
    void ninetyDayUptimeOfAYearOfHourRollupsTakesMilliseconds(TestDatabase db) {
        Store store = db.open();
        long first = Micros.of(NOW.minus(Duration.ofHours(HOURS)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        long began = System.nanoTime();
        fill(db, first);
        LOG.info("{}: {} hour rollups written in {} s", db.name(), db.count("rollup_hour"),
                (System.nanoTime() - began) / 1_000_000_000);

        store.rollups().uptime("monitor-1", NOW); // warm up
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            Uptime uptime = store.rollups().uptime("monitor-" + (i * 37 % MONITORS), NOW);
            micros.add((System.nanoTime() - start) / 1_000);
            // The window's whole hours; its two partial hours would come from minute rollups, not written here.
            assertThat(uptime.last90d().checks()).isEqualTo((90 * 24 - 1) * 60L);
        }
        micros.sort(null);
        LOG.info("{}: uptime (24 h, 7 d, 30 d, 90 d in one query) over {} monitors x {} hours: median {} us, max {} us",
                db.name(), MONITORS, HOURS, micros.get(micros.size() / 2), micros.get(micros.size() - 1));
        assertThat(micros.get(micros.size() / 2)).isLessThan(50_000);
    }

    /** A year of hour rows per monitor, written hour after hour as a server would; one in 50 hours with failures. */
    private static void fill(TestDatabase db, long first) {
        String columns = "monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us, latency_sum_us,"
                + " latency_max_us, h12";
        String values = "'monitor-' || m, " + first + " + h * 3600000000, 'local', 'ok', 200, 60, 20000, 1800000,"
                + " 90000, 60";
        String sql = db.name().equals("postgresql")
                ? "INSERT INTO rollup_hour (" + columns + ") SELECT " + values
                        + " FROM generate_series(0, " + (HOURS - 1) + ") h, generate_series(0, " + (MONITORS - 1) + ") m"
                : "WITH RECURSIVE m(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM m WHERE m < " + (MONITORS - 1) + "),"
                        + " h(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM h WHERE h < " + (HOURS - 1) + ")"
                        + " INSERT INTO rollup_hour (" + columns + ") SELECT " + values + " FROM m, h";
        db.sql().useHandle(handle -> {
            handle.execute(sql);
            // What autovacuum does to a table in use: statistics, and the visibility map for index-only scans.
            if (db.name().equals("postgresql")) handle.execute("VACUUM ANALYZE rollup_hour");
        });
    }
}
