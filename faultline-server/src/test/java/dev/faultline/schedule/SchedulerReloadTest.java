package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.firstDue;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerReloadTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aMonitorKeptAcrossAReloadKeepsItsPhaseEvenWhenItsRequestChanged() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            Monitor moved = monitor("a", URI.create("http://elsewhere.example/health"), MINUTE);
            harness.scheduler.replaceAll(List.of(moved));
            assertThat(harness.scheduler.nextDue("a")).contains(due.plus(MINUTE));

            harness.advanceTo(due.plus(MINUTE));
            assertThat(harness.results).extracting(CheckResult::url)
                    .containsExactly(a.spec().url(), URI.create("http://elsewhere.example/health"));
        }
    }

    @Test
    void aChangedIntervalTakesEffectAtTheNewCadence() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            Monitor faster = monitor("a", Duration.ofSeconds(5));
            harness.scheduler.replaceAll(List.of(faster));
            Instant next = Cadence.of("a", Duration.ofSeconds(5)).nextDueAfter(due);
            assertThat(harness.scheduler.nextDue("a")).contains(next);

            harness.advanceTo(next);
            harness.advanceTo(next.plusSeconds(5));
            harness.advanceTo(next.plusSeconds(10));
            assertThat(harness.runner.runsOf("a")).containsExactly(due, next, next.plusSeconds(5), next.plusSeconds(10));
        }
    }

    @Test
    void aMonitorGivenARegionThatSortsBeforeLocalMovesToLocalsNewTurnAfterNow() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            harness.scheduler.replaceAll(List.of(TestMonitors.inRegions("a", a.spec().url(), MINUTE, List.of("local", "eu-west"))));
            // eu-west takes the base phase; local's turn is half a minute later.
            assertThat(harness.scheduler.nextDue("a")).contains(due.plusSeconds(30));

            harness.advanceTo(due.plusSeconds(30));
            harness.advanceTo(due.plusSeconds(90));
            assertThat(harness.runner.runsOf("a")).containsExactly(due, due.plusSeconds(30), due.plusSeconds(90));
        }
    }

    @Test
    void aMonitorKeepsItsDueTimeWhenItsRegionsAreReorderedOrJoinedByOneSortingAfterLocal() {
        Monitor a = TestMonitors.inRegions("a", URI.create("http://a.example/"), MINUTE, List.of("local", "us"));
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            assertThat(harness.runner.runsOf("a")).containsExactly(due);

            harness.scheduler.replaceAll(List.of(TestMonitors.inRegions("a", a.spec().url(), MINUTE, List.of("us", "local"))));
            assertThat(harness.scheduler.nextDue("a")).contains(due.plus(MINUTE));
            // Still the first of the sorted regions: still the base phase.
            harness.scheduler.replaceAll(List.of(TestMonitors.inRegions("a", a.spec().url(), MINUTE, List.of("us", "local", "zz"))));
            assertThat(harness.scheduler.nextDue("a")).contains(due.plus(MINUTE));
            // eu sorts first: local becomes the second of three, a third of the minute on.
            harness.scheduler.replaceAll(List.of(TestMonitors.inRegions("a", a.spec().url(), MINUTE, List.of("us", "local", "eu"))));
            assertThat(harness.scheduler.nextDue("a")).contains(due.plusSeconds(20));
        }
    }

    @Test
    void anAddedMonitorFirstRunsAtItsOffsetNotAtOnce() {
        Monitor a = monitor("a", MINUTE);
        Monitor b = monitor("b", MINUTE);
        try (Harness harness = new Harness(a)) {
            harness.advance(Duration.ofSeconds(90));
            Instant added = harness.time.instant();
            harness.scheduler.replaceAll(List.of(a, b));
            assertThat(harness.scheduler.nextDue("b")).contains(firstDue(b, added));
            harness.advanceTo(firstDue(b, added));
            assertThat(harness.runner.runsOf("b")).containsExactly(firstDue(b, added));
            assertThat(harness.stats().monitors()).isEqualTo(2);
        }
    }

    @Test
    void aRemovedMonitorStopsButItsCheckInFlightFinishesAndIsDelivered() {
        Monitor a = monitor("a", Duration.ofSeconds(1));
        Monitor b = monitor("b", Duration.ofSeconds(1));
        try (Harness harness = new Harness(a, b)) {
            harness.runner.hold("a");
            harness.time.advanceTo(firstDue(a, T0));
            await().until(() -> harness.runner.runsOf("a").size() == 1);

            harness.scheduler.replaceAll(List.of(b));
            harness.runner.release("a");
            harness.awaitChecksOver();
            for (int i = 0; i < 5; i++) harness.advance(Duration.ofSeconds(1));

            assertThat(harness.runner.runsOf("a")).hasSize(1);
            assertThat(harness.results).filteredOn(result -> result.monitor().equals("a")).hasSize(1);
            assertThat(harness.scheduler.nextDue("a")).isEmpty();
            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.NOT_SCHEDULED);
            assertThat(harness.runner.runsOf("b")).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aMonitorMovedOutOfTheLocalRegionStops() {
        Monitor a = monitor("a", Duration.ofSeconds(1));
        try (Harness harness = new Harness(a)) {
            harness.advance(Duration.ofSeconds(1));
            assertThat(harness.runner.runsOf("a")).hasSize(1);
            harness.scheduler.replaceAll(List.of(TestMonitors.inRegions("a", a.spec().url(), Duration.ofSeconds(1), List.of("eu-west"))));
            for (int i = 0; i < 3; i++) harness.advance(Duration.ofSeconds(1));
            assertThat(harness.runner.runsOf("a")).hasSize(1);
            assertThat(harness.stats().monitors()).isZero();
        }
    }

    @Test
    void twoLocalMonitorsWithOneIdAreRejectedAndTheScheduleIsLeftAsItWas() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            Instant due = harness.scheduler.nextDue("a").orElseThrow();
            assertThatThrownBy(() -> harness.scheduler.replaceAll(List.of(monitor("a", Duration.ofSeconds(5)), monitor("a", MINUTE))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate monitor id 'a'");
            assertThat(harness.scheduler.nextDue("a")).contains(due);
        }
    }
}
