package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedulers of a monitor's regions, each on its own fake time as the server and its agents
 * each keep their own: they take turns over the interval without talking, so between them a
 * check comes every interval/n.
 */
class SchedulerRegionTurnsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void twoRegionsOfAMonitorFallDueHalfAnIntervalApart() {
        Monitor api = TestMonitors.inRegions("api", URI.create("http://api.example/"), TEN_SECONDS, List.of("local", "eu-west"));
        try (Harness local = Harness.inRegion("local", api); Harness euWest = Harness.inRegion("eu-west", api)) {
            List<Instant> localRuns = runUntil(local, T0.plusSeconds(40));
            List<Instant> euWestRuns = runUntil(euWest, T0.plusSeconds(40));

            // eu-west sorts first and keeps the monitor's base phase; local comes half an interval later.
            Instant base = Cadence.of("api", TEN_SECONDS).firstDueAtOrAfter(T0);
            assertThat(euWestRuns).startsWith(base).hasSize(4);
            assertThat(localRuns).hasSize(4);
            for (Instant run : euWestRuns) {
                assertThat(localRuns).as("local's check after eu-west's at " + run).contains(run.plusSeconds(5));
            }
            assertThat(local.results).allSatisfy(result -> assertThat(result.region()).isEqualTo("local"));
            assertThat(euWest.results).allSatisfy(result -> assertThat(result.region()).isEqualTo("eu-west"));
        }
    }

    @Test
    void threeRegionsBetweenThemCheckEveryThirdOfTheInterval() {
        Monitor api = TestMonitors.inRegions("api", URI.create("http://api.example/"), TEN_SECONDS, List.of("b", "local", "a"));
        List<Instant> all = new ArrayList<>();
        for (String region : List.of("local", "a", "b")) {
            try (Harness harness = Harness.inRegion(region, api)) {
                all.addAll(runUntil(harness, T0.plusSeconds(60)));
            }
        }
        List<Instant> sorted = all.stream().sorted().toList();
        assertThat(sorted).hasSize(18);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i)).toMillis()).isBetween(3_333L, 3_334L);
        }
    }

    @Test
    void aLaterRegionsDeferralAndRecheckKeepItOnItsOwnTurn() {
        Monitor api = TestMonitors.inRegions("api", URI.create("http://api.example/"), TEN_SECONDS, List.of("local", "eu-west"));
        try (Harness local = Harness.inRegion("local", api)) {
            Instant due = local.scheduler.nextDue("api").orElseThrow();
            long base = Cadence.of("api", TEN_SECONDS).offset().toMillis();
            assertThat(Math.floorMod(due.toEpochMilli() - base, 10_000)).as("half an interval after the base phase").isEqualTo(5_000);
            local.advanceTo(due);

            // A Retry-After of 12 s: the next check is local's first turn after it, not the base phase's.
            local.scheduler.deferUntil("api", due.plusSeconds(12));
            assertThat(local.scheduler.nextDue("api")).contains(due.plusSeconds(20));
            local.advanceTo(due.plusSeconds(20));
            local.advanceTo(due.plusSeconds(23));
            assertThat(local.scheduler.recheckNow("api")).isEqualTo(Recheck.STARTED);
            local.awaitChecksOver();
            local.advanceTo(due.plusSeconds(30));

            assertThat(local.runner.runsOf("api"))
                    .containsExactly(due, due.plusSeconds(20), due.plusSeconds(23), due.plusSeconds(30));
        }
    }

    /** Steps the harness from due time to due time until {@code end}; the monitor's runs. */
    private static List<Instant> runUntil(Harness harness, Instant end) {
        Instant next;
        while ((next = harness.scheduler.nextDue("api").orElse(end)).isBefore(end)) {
            harness.advanceTo(next);
        }
        harness.advanceTo(end);
        return harness.runner.runsOf("api");
    }
}
