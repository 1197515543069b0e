package dev.faultline.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.config.TrendSettings;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.metrics.TrendGauges;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.DatabaseTest;
import dev.faultline.store.Store;
import dev.faultline.store.TestDatabase;
import dev.faultline.trend.Anomaly;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluator pass over 10,000 monitors, each with eight days of hour rollups (60 checks an
 * hour) and the last 90 minutes of minute rollups; one monitor in a hundred has a 403 spike in
 * its last hour. Logs how long the first pass (100 anomalies opened) and a steady pass (100 seen
 * again) take. Filling the tables takes a while, so it runs only with {@code -Dfaultline.perf=true}.
 */
class AnomalyPassAtScaleTest {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyPassAtScaleTest.class);
    private static final int MONITORS = 10_000;
    private static final Instant NOW = Instant.parse("2026-11-20T12:30:00Z");

    @DatabaseTest
    @EnabledIfSystemProperty(named = "faultline.perf", matches = "true")
    void onePassOverTenThousandMonitorsFindsThePlantedSpikes(TestDatabase db) {
        Store store = db.open();
        long began = System.nanoTime();
        fill(db);
        LOG.info("{}: {} hour and {} minute rollup rows written in {} s", db.name(), db.count("rollup_hour"),
                db.count("rollup_minute"), (System.nanoTime() - began) / 1_000_000_000);
        List<Monitor> monitors = IntStream.range(0, MONITORS)
                .mapToObj(i -> AnomalyEvaluatorTest.monitor("m-%05d".formatted(i))).toList();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AlertNotifier notifier = new AlertNotifier(AlertRouting.allByDefault(Map.of()), store, clock, () -> {});
        TrendGauges gauges = new TrendGauges();
        AnomalyEvaluator evaluator = new AnomalyEvaluator(store, () -> monitors, TrendSettings.DEFAULT,
                new AnomalyAlerts(notifier, clock, URI.create("http://127.0.0.1:8080"),
                () -> MaintenanceCalendar.EMPTY), gauges, clock);

        AnomalyEvaluator.Pass first = evaluator.evaluate();
        AnomalyEvaluator.Pass steady = evaluator.evaluate();
        LOG.info("{}: one pass over {} monitors: first {} ms ({} ms reading; {} opened), steady {} ms ({} ms reading;"
                + " {} seen again)", db.name(), first.monitors(), first.took().toMillis(), first.reading().toMillis(),
                first.opened(), steady.took().toMillis(), steady.reading().toMillis(), steady.seen());

        assertThat(first.monitors()).isEqualTo(MONITORS);
        assertThat(first.opened()).isEqualTo(MONITORS / 100);
        assertThat(steady.opened()).isZero();
        assertThat(steady.seen()).isEqualTo(MONITORS / 100);
        assertThat(store.anomalies().open()).hasSize(MONITORS / 100)
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(Anomaly.Kind.AUTH_SPIKE));
    }

    private static void fill(TestDatabase db) {
        Instant split = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        long firstHour = micros(split.minus(Duration.ofDays(8)));
        long firstMinute = micros(split);
        boolean pg = db.name().equals("postgresql");
        String columns = "monitor_id, bucket_start_us, region, cause, status, checks, latency_min_us, latency_sum_us, latency_max_us";
        String id = pg ? "'m-' || lpad(m::text, 5, '0')" : "printf('m-%05d', m)";
        db.sql().useHandle(h -> {
            h.execute(insert(pg, columns, id + ", " + firstHour + " + n * CAST(3600000000 AS BIGINT), 'local', 'ok', 200, 60, 1000, 60000, 1000",
                    8 * 24, "1 = 1"));
            h.execute(insert(pg, columns, id + ", " + firstMinute + " + n * CAST(60000000 AS BIGINT), 'local', 'ok', 200, 1, 1000, 1000, 1000",
                    90, "1 = 1"));
            // The planted spikes: a 403 every third minute of the last hour, on one monitor in a hundred.
            h.execute(insert(pg, columns, id + ", " + firstMinute + " + n * CAST(60000000 AS BIGINT), 'local', 'forbidden', 403, 1, 1000, 1000,"
                    + " 1000", 90, "m % 100 = 0 AND n >= 30 AND n % 3 = 0"));
        });
    }

    private static String insert(boolean pg, String columns, String values, int count, String where) {
        return pg
                ? "INSERT INTO rollup_" + (values.contains("3600000000 AS") ? "hour" : "minute") + " (" + columns + ") SELECT "
                        + values + " FROM generate_series(0, " + (MONITORS - 1) + ") m, generate_series(0, " + (count - 1)
                        + ") n WHERE " + where
                : "WITH RECURSIVE m(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM m WHERE m < " + (MONITORS - 1) + "),"
                        + " n(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM n WHERE n < " + (count - 1) + ")"
                        + " INSERT INTO rollup_" + (values.contains("3600000000 AS") ? "hour" : "minute") + " (" + columns
                        + ") SELECT " + values + " FROM m, n WHERE " + where;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
