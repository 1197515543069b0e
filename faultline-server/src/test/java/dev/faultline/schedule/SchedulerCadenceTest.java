package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.firstDue;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerCadenceTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void runsEachMonitorOncePerIntervalAtItsOwnOffset() {
        Monitor a = monitor("a", TEN_SECONDS);
        Monitor b = monitor("b", TEN_SECONDS);
        Monitor c = monitor("c", Duration.ofSeconds(3));
        // Exactly at their offsets: SchedulerEarlyStartTest covers checks started early alongside others.
        try (Harness harness = new Harness(new SchedulerLimits(64, 8, Duration.ofSeconds(5)).withoutEarlyStart(), a, b, c)) {
            stepThrough(harness, T0.plusSeconds(30));

            for (Monitor monitor : List.of(a, b, c)) {
                Instant first = firstDue(monitor, T0);
                long expected = (Duration.between(first, T0.plusSeconds(30)).toMillis() - 1) / monitor.spec().interval().toMillis() + 1;
                List<Instant> runs = harness.runner.runsOf(monitor.id());
                assertThat(runs).hasSize((int) expected);
                for (int k = 0; k < runs.size(); k++) {
                    assertThat(runs.get(k)).isEqualTo(first.plus(monitor.spec().interval().multipliedBy(k)));
                }
            }
            assertThat(harness.stats().lag().maxMillis()).isZero();
            assertThat(harness.stats().started()).isEqualTo(harness.stats().completed()).isEqualTo(harness.results.size());
        }
    }

    @Test
    void deliversEveryResultToTheSink() {
        Monitor a = monitor("a", TEN_SECONDS);
        try (Harness harness = new Harness(a)) {
            harness.advanceTo(firstDue(a, T0));
            assertThat(harness.results).extracting(CheckResult::monitor, CheckResult::region, CheckResult::startedAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "local", firstDue(a, T0)));
        }
    }

    @Test
    void runsOnlyTheMonitorsOfTheLocalRegion() {
        Monitor local = TestMonitors.inRegions("both", URI.create("http://both.example/"), TEN_SECONDS, List.of("eu-west", "local"));
        Monitor remote = TestMonitors.inRegions("remote", URI.create("http://remote.example/"), TEN_SECONDS, List.of("eu-west"));
        try (Harness harness = new Harness(local, remote)) {
            harness.advance(TEN_SECONDS);
            assertThat(harness.stats().monitors()).isEqualTo(1);
            assertThat(harness.runner.runs()).extracting(RecordingRunner.Run::monitorId).containsExactly("both");
            assertThat(harness.scheduler.nextDue("remote")).isEmpty();
        }
    }

    @Test
    void recordsTheLagOfACheckThatWaitedForAPermit() {
        Monitor a = monitor("a", TEN_SECONDS);
        Monitor b = monitor("b", TEN_SECONDS);
        Monitor first = firstDue(a, T0).isBefore(firstDue(b, T0)) ? a : b;
        Monitor second = first == a ? b : a;
        try (Harness harness = new Harness(new SchedulerLimits(1, 8, Duration.ofSeconds(5)), a, b)) {
            harness.runner.hold(first.id());
            harness.time.advanceTo(firstDue(first, T0));
            await().until(() -> harness.runner.running() == 1);
            harness.time.advanceTo(firstDue(second, T0));
            harness.time.advance(Duration.ofMillis(700));
            assertThat(harness.stats().waiting()).isEqualTo(1);

            harness.runner.release(first.id());
            harness.awaitChecksOver();

            ScheduleLag.Snapshot lag = harness.stats().lag();
            assertThat(lag.count()).isEqualTo(2);
            assertThat(lag.maxMillis()).isEqualTo(700);
            assertThat(lag.sumMillis()).isEqualTo(700);
            assertThat(harness.runner.runsOf(second.id())).containsExactly(firstDue(second, T0).plusMillis(700));
        }
    }

    @Test
    void skipsDueRunsWhileThePreviousCheckIsStillInFlightInsteadOfPilingUp() {
        Monitor a = monitor("a", Duration.ofSeconds(1));
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.runner.hold("a");
            harness.time.advanceTo(due);
            await().until(() -> harness.runner.running() == 1);
            harness.time.advanceTo(due.plusSeconds(1));
            harness.time.advanceTo(due.plusSeconds(2));
            assertThat(harness.stats().skipped()).isEqualTo(2);
            assertThat(harness.stats().inFlight()).isEqualTo(1);

            harness.runner.release("a");
            harness.awaitChecksOver();
            harness.advanceTo(due.plusSeconds(3));

            assertThat(harness.runner.runsOf("a")).containsExactly(due, due.plusSeconds(3));
            assertThat(harness.stats().skipped()).isEqualTo(2);
        }
    }

    @Test
    void aRunnerThatThrowsIsCountedAndTheCadenceGoesOn() {
        Monitor a = monitor("a", TEN_SECONDS);
        FakeTime time = new FakeTime(T0);
        CheckRunner broken = (monitor, region) -> {
            throw new IllegalStateException("a bug in the runner");
        };
        try (Scheduler scheduler = new Scheduler(time, time, broken, result -> { }, SchedulerLimits.DEFAULTS)) {
            scheduler.replaceAll(List.of(a));
            scheduler.start();
            time.advanceTo(firstDue(a, T0));
            await().until(() -> scheduler.stats().failed() == 1);
            time.advanceTo(firstDue(a, T0).plus(TEN_SECONDS));
            await().until(() -> scheduler.stats().failed() == 2);
            assertThat(scheduler.stats().completed()).isZero();
        }
    }

    @Test
    void aSinkThatThrowsIsCountedAndTheCadenceGoesOn() {
        Monitor a = monitor("a", TEN_SECONDS);
        try (Harness harness = new Harness(a)) {
            harness.onResult(result -> {
                throw new IllegalStateException("a bug in the sink");
            });
            harness.advanceTo(firstDue(a, T0));
            harness.advance(TEN_SECONDS);
            assertThat(harness.stats().sinkFailures()).isEqualTo(2);
            assertThat(harness.runner.runsOf("a")).hasSize(2);
        }
    }

    /** Moves time from due time to due time, so that every check starts exactly when due. */
    static void stepThrough(Harness harness, Instant end) {
        while (true) {
            Instant next = harness.scheduler.nextDue("a").orElse(end);
            for (String id : List.of("b", "c")) {
                Instant due = harness.scheduler.nextDue(id).orElse(end);
                if (due.isBefore(next)) next = due;
            }
            if (!next.isBefore(end)) break;
            harness.advanceTo(next);
        }
        harness.advanceTo(end);
    }
}
