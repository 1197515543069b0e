package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class RollupsTest {

    private static final Instant HOUR = Instant.parse("2026-03-01T12:00:00Z");

    @DatabaseTest
    void bucketsCountChecksByOutcomeFaultCauseAndStatus(TestDatabase db) {
        Store store = db.open();
        write(store,
                at(0, Cause.OK, 200, 20), at(10, Cause.OK, 200, 40), at(20, Cause.SLOW_RESPONSE, 200, 2_500),
                at(30, Cause.BAD_GATEWAY, 502, 15), at(40, Cause.NOT_FOUND, 404, 12),
                at(70, Cause.CONNECTION_REFUSED, 0, 1), at(80, Cause.DNS_FAILURE, 0, 3), at(90, Cause.OK, 200, 30));

        List<Rollup> minutes = store.rollups().series("api", Resolution.MINUTE, HOUR, HOUR.plus(Duration.ofHours(1)));
        List<Rollup> hours = store.rollups().series("api", Resolution.HOUR, HOUR, HOUR.plus(Duration.ofHours(1)));

        assertThat(minutes).extracting(Rollup::start).containsExactly(HOUR, HOUR.plusSeconds(60));
        Rollup first = minutes.get(0);
        assertThat(List.of(first.checks(), first.up(), first.degraded(), first.down())).containsExactly(5L, 2L, 1L, 2L);
        assertThat(first.faults()).isEqualTo(Map.of(Fault.SERVER, 1L, Fault.CLIENT, 1L));
        assertThat(first.causes()).isEqualTo(Map.of(Cause.OK, 2L, Cause.SLOW_RESPONSE, 1L, Cause.BAD_GATEWAY, 1L,
                Cause.NOT_FOUND, 1L));
        assertThat(first.statuses()).isEqualTo(Map.of(200, 3L, 502, 1L, 404, 1L));

        assertThat(hours).hasSize(1);
        Rollup hour = hours.get(0);
        assertThat(List.of(hour.checks(), hour.up(), hour.degraded(), hour.down())).containsExactly(8L, 3L, 1L, 4L);
        assertThat(hour.faults()).isEqualTo(Map.of(Fault.SERVER, 2L, Fault.CLIENT, 1L, Fault.NETWORK, 1L));
        // Checks without an HTTP answer have no status code.
        assertThat(hour.statuses()).isEqualTo(Map.of(200, 4L, 502, 1L, 404, 1L));
    }

    @DatabaseTest
    void latencyCoversChecksThatGotAnAnswer(TestDatabase db) {
        Store store = db.open();
        write(store, at(0, Cause.OK, 200, 20), at(1, Cause.SERVICE_UNAVAILABLE, 503, 40),
                at(2, Cause.READ_TIMEOUT, 0, 10_000));

        Latency latency = store.rollups().summary("api", Resolution.HOUR, HOUR, HOUR.plus(Duration.ofHours(1)))
                .latency().orElseThrow();

        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.min()).isEqualTo(Duration.ofMillis(20));
        assertThat(latency.avg()).isEqualTo(Duration.ofMillis(30));
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(40));
    }

    @DatabaseTest
    void batchesAddUpInTheSameBuckets(TestDatabase db) {
        Store store = db.open();
        write(store, at(0, Cause.OK, 200, 50), at(1, Cause.BAD_GATEWAY, 502, 5));
        write(store, at(2, Cause.OK, 200, 10), at(3, Cause.OK, 200, 90));
        write(store, at(4, Cause.BAD_GATEWAY, 502, 7));

        Rollup minute = store.rollups().series("api", Resolution.MINUTE, HOUR, HOUR.plusSeconds(60)).get(0);

        assertThat(minute.causes()).isEqualTo(Map.of(Cause.OK, 3L, Cause.BAD_GATEWAY, 2L));
        Latency latency = minute.latency().orElseThrow();
        assertThat(latency.count()).isEqualTo(5);
        assertThat(latency.min()).isEqualTo(Duration.ofMillis(5));
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(90));
        assertThat(latency.avg()).isEqualTo(Duration.ofMillis(50 + 5 + 10 + 90 + 7).dividedBy(5));
    }

    @DatabaseTest
    void percentilesOfMergedBucketsAreWithinAFewPercent(TestDatabase db) {
        Store store = db.open();
        // 1 ms to 1,000 ms, one each, spread over two hours and three regions.
        for (int ms = 1; ms <= 1_000; ms++) {
            store.writer().submit(SampleResults.of("api", "r" + ms % 3, HOUR.plusSeconds(ms * 7L), Cause.OK, 200,
                    Duration.ofMillis(ms)));
        }
        store.writer().flush();

        Rollup all = store.rollups().summary("api", Resolution.MINUTE, HOUR, HOUR.plus(Duration.ofHours(2)));

        Latency latency = all.latency().orElseThrow();
        assertThat(latency.count()).isEqualTo(1_000);
        assertThat(latency.min()).isEqualTo(Duration.ofMillis(1));
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(1_000));
        assertThat(latency.avg()).isEqualTo(Duration.ofNanos(500_500_000));
        assertThat(millis(latency.p50())).isCloseTo(500, within(25.0));
        assertThat(millis(latency.p95())).isCloseTo(950, within(47.5));
        assertThat(millis(latency.p99())).isCloseTo(990, within(49.5));
        assertThat(store.rollups().summary("api", Resolution.HOUR, HOUR, HOUR.plus(Duration.ofHours(2))))
                .isEqualTo(new Rollup(HOUR, all.checks(), all.up(), all.degraded(), all.down(), all.faults(), all.causes(),
                        all.statuses(), all.latency()));
    }

    @DatabaseTest
    void noChecksMeansAnEmptySeriesAndNoLatency(TestDatabase db) {
        Store store = db.open();

        assertThat(store.rollups().series("api", Resolution.HOUR, HOUR, HOUR.plus(Duration.ofDays(1)))).isEmpty();
        Rollup none = store.rollups().summary("api", Resolution.HOUR, HOUR, HOUR.plus(Duration.ofDays(1)));
        assertThat(none.checks()).isZero();
        assertThat(none.latency()).isEqualTo(Optional.empty());
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static CheckResult at(int seconds, Cause cause, int status, long millis) {
        return SampleResults.of("api", "local", HOUR.plusSeconds(seconds), cause, status, Duration.ofMillis(millis));
    }

    private static void write(Store store, CheckResult... results) {
        for (CheckResult r : results) store.writer().submit(r);
        store.writer().flush();
    }
}
