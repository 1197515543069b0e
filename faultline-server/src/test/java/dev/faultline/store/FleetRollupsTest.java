package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rollups of many monitors in one query each, on SQLite and PostgreSQL alike. */
class FleetRollupsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    @DatabaseTest
    void uptimeOfEachMonitorOverTheDayWeekAndMonth(TestDatabase db) {
        Store store = db.open();
        write(store,
                at("api", NOW.minus(Duration.ofMinutes(10)), Cause.OK, 200, 20),
                at("api", NOW.minus(Duration.ofHours(3)), Cause.BAD_GATEWAY, 502, 5),
                at("api", NOW.minus(Duration.ofDays(3)), Cause.OK, 200, 10),
                at("api", NOW.minus(Duration.ofDays(3)), Cause.OK, 200, 10),
                at("api", NOW.minus(Duration.ofDays(20)), Cause.CONNECTION_REFUSED, 0, 1),
                at("web", NOW.minus(Duration.ofMinutes(5)), Cause.SLOW_RESPONSE, 200, 3_000),
                at("other", NOW.minus(Duration.ofMinutes(5)), Cause.BAD_GATEWAY, 502, 3));

        Map<String, FleetRollups.Uptimes> uptimes = store.fleet().uptimes(List.of("api", "web", "absent"), NOW);

        assertThat(uptimes).containsOnlyKeys("api", "web");
        FleetRollups.Uptimes api = uptimes.get("api");
        assertThat(api.day()).isEqualTo(new FleetRollups.Availability(2, 1));
        assertThat(api.week()).isEqualTo(new FleetRollups.Availability(4, 3));
        assertThat(api.month()).isEqualTo(new FleetRollups.Availability(5, 3));
        assertThat(uptimes.get("web").day().percent()).isEqualTo(100.0); // degraded counts as available
        assertThat(store.fleet().uptimes(List.of(), NOW)).isEmpty();
    }

    @DatabaseTest
    void dailyBarsAndMinuteLatencyPerMonitor(TestDatabase db) {
        Store store = db.open();
        write(store,
                at("api", NOW.minus(Duration.ofMinutes(3)), Cause.OK, 200, 20),
                at("api", NOW.minus(Duration.ofMinutes(3)).plusSeconds(10), Cause.OK, 200, 40),
                at("api", NOW.minus(Duration.ofMinutes(1)), Cause.READ_TIMEOUT, 0, 5_000),
                at("api", NOW.minus(Duration.ofDays(2)), Cause.BAD_GATEWAY, 502, 5),
                at("api", NOW.minus(Duration.ofDays(2)), Cause.OK, 200, 5));

        List<FleetRollups.Availability> days = store.fleet().daily(List.of("api", "web"), 90, NOW).get("api");
        assertThat(days).hasSize(90);
        assertThat(days.get(89)).isEqualTo(new FleetRollups.Availability(3, 2));
        assertThat(days.get(87)).isEqualTo(new FleetRollups.Availability(2, 1));
        assertThat(days.get(88).percent()).isEqualTo(-1);
        assertThat(store.fleet().daily(List.of("api", "web"), 90, NOW).get("web")).allMatch(d -> d.checks() == 0);

        Map<String, List<FleetRollups.LatencyPoint>> latency = store.fleet().latencyByMinute(List.of("api"),
                NOW.minus(Duration.ofHours(1)), NOW);
        // The timeout had no answer: it says nothing about speed and is left out.
        assertThat(latency.get("api")).containsExactly(
                new FleetRollups.LatencyPoint(NOW.minus(Duration.ofMinutes(3)), Duration.ofMillis(30)));
    }

    @DatabaseTest
    void phasesAreAveragedPerSlotFromRawResults(TestDatabase db) {
        Store store = db.open();
        Instant from = NOW.minus(Duration.ofHours(1));
        write(store, SampleResults.full("api", from.plusSeconds(30)), SampleResults.full("api", from.plusSeconds(50)),
                SampleResults.refused("api", from.plusSeconds(70)), SampleResults.full("api", from.plus(Duration.ofMinutes(30))));

        List<PhaseSlot> slots = store.results().phases("api", from, NOW, 60);

        assertThat(slots).extracting(PhaseSlot::start).containsExactly(from, from.plus(Duration.ofMinutes(30)));
        assertThat(slots.get(0).checks()).isEqualTo(2); // the refused check had no answer
        assertThat(slots.get(0).firstByte()).isEqualTo(Duration.ofMillis(2_100));
        assertThat(slots.get(0).tls()).isEqualTo(Duration.ofMillis(12).plusNanos(345_000));
    }

    private static CheckResult at(String monitor, Instant when, Cause cause, int status, long millis) {
        return SampleResults.of(monitor, "local", when, cause, status, Duration.ofMillis(millis));
    }

    private static void write(Store store, CheckResult... results) {
        for (CheckResult r : results) store.writer().submit(r);
        store.writer().flush();
    }
}
