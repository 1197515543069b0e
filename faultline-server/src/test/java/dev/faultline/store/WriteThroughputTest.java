package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes results the way a busy server produces them: 1,000 monitors checked every minute from
 * two regions, a few failing. Logs the rate; asserts only that nothing was lost, since the
 * machine is shared.
 */
class WriteThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(WriteThroughputTest.class);
    private static final int MONITORS = 1_000;
    private static final int ROUNDS = 50;

    @DatabaseTest
    void writesOneHundredThousandResultsWithoutLosingAny(TestDatabase db) {
        Store store = db.open();
        Instant start = Instant.parse("2026-03-01T12:00:00Z");
        List<CheckResult> results = new ArrayList<>(MONITORS * 2 * ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            for (int m = 0; m < MONITORS; m++) {
                for (String region : List.of("eu-west", "us-east")) {
                    Instant at = start.plusSeconds(round * 60L + m % 60).plusNanos(m * 1_000L);
                    boolean down = (m + round) % 97 == 0;
                    results.add(SampleResults.of("monitor-" + m, region, at, down ? Cause.BAD_GATEWAY : Cause.OK,
                            down ? 502 : 200, Duration.ofMillis(20 + (m * 7 + round) % 400)));
                }
            }
        }

        long began = System.nanoTime();
        results.forEach(store.writer()::submit);
        store.writer().flush();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        LOG.info("{}: wrote {} results (and their minute and hour rollups) in {} ms: {} results/s", db.name(), results.size(),
                took.toMillis(), Math.round(results.size() / (took.toNanos() / 1e9)));
        assertThat(store.writer().dropped()).isZero();
        assertThat(db.count("results")).isEqualTo(results.size());
        assertThat(db.number("SELECT SUM(checks) FROM rollup_minute")).isEqualTo(results.size());
        assertThat(db.number("SELECT SUM(checks) FROM rollup_hour")).isEqualTo(results.size());
        assertThat(store.results().latestByMonitor()).hasSize(MONITORS);
    }
}
