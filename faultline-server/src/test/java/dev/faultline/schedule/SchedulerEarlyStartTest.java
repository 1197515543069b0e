package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.firstDue;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultline.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** Checks due soon after one that is due now start with it, within bounds, and keep their cadence. */
class SchedulerEarlyStartTest {

    private static final Duration TWENTY_SECONDS = Duration.ofSeconds(20);

    @Test
    void aCheckDueWithinTheEarlyStartGoesWithTheOneDueNowAndKeepsItsCadence() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 200 && gap <= 800);
        Monitor first = pair[0];
        Monitor second = pair[1];
        try (Harness harness = new Harness(first, second)) {
            Instant due = firstDue(first, T0);
            harness.advanceTo(due);

            assertThat(harness.runner.runsOf(second.id())).as("started with the first, before its own due time")
                    .containsExactly(due);
            assertThat(harness.scheduler.nextDue(second.id())).contains(firstDue(second, T0).plus(TWENTY_SECONDS));
            assertThat(harness.stats().lag().maxMillis()).as("an early start is no lag").isZero();

            harness.advanceTo(due.plus(TWENTY_SECONDS));
            assertThat(harness.runner.runsOf(first.id())).containsExactly(due, due.plus(TWENTY_SECONDS));
            assertThat(harness.runner.runsOf(second.id())).as("once per interval, not twice")
                    .containsExactly(due, due.plus(TWENTY_SECONDS));
            // Its own due time passes without a second run.
            harness.advanceTo(firstDue(second, T0).plus(TWENTY_SECONDS));
            assertThat(harness.runner.runsOf(second.id())).hasSize(2);
            assertThat(harness.stats().skipped()).isZero();
        }
    }

    @Test
    void aCheckDueLaterThanTheEarlyStartWaitsForItsOwnTime() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 1_100 && gap <= 3_000);
        try (Harness harness = new Harness(pair)) {
            harness.advanceTo(firstDue(pair[1], T0));
            assertThat(harness.runner.runsOf(pair[1].id())).containsExactly(firstDue(pair[1], T0));
        }
    }

    @Test
    void aShortIntervalMovesByAtMostATwentiethOfIt() {
        // Four seconds: at most 200 ms early, though the early start allows a second.
        Duration fourSeconds = Duration.ofSeconds(4);
        Monitor[] pair = pairApart(fourSeconds, gap -> gap >= 300 && gap <= 900);
        try (Harness harness = new Harness(pair)) {
            harness.advanceTo(firstDue(pair[1], T0));
            assertThat(harness.runner.runsOf(pair[1].id())).containsExactly(firstDue(pair[1], T0));
        }
        Monitor[] near = pairApart(fourSeconds, gap -> gap >= 50 && gap <= 150);
        try (Harness harness = new Harness(near)) {
            harness.advanceTo(firstDue(near[0], T0));
            assertThat(harness.runner.runsOf(near[1].id())).containsExactly(firstDue(near[0], T0));
        }
    }

    @Test
    void withoutEarlyStartEveryCheckStartsAtItsDueTime() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 200 && gap <= 800);
        try (Harness harness = new Harness(new SchedulerLimits(64, 8, Duration.ofSeconds(5)).withoutEarlyStart(), pair)) {
            harness.advanceTo(firstDue(pair[1], T0));
            assertThat(harness.runner.runsOf(pair[1].id())).containsExactly(firstDue(pair[1], T0));
        }
    }

    @Test
    void nothingStartsEarlyWhenNothingIsDue() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 200 && gap <= 800);
        try (Harness harness = new Harness(pair)) {
            // Woken by a reload a moment before the first is due: nothing due, so nothing goes early.
            harness.advanceTo(firstDue(pair[0], T0).minusMillis(100));
            harness.scheduler.replaceAll(List.of(pair));
            harness.time.awaitDispatcherAsleep();
            assertThat(harness.runner.runs()).isEmpty();
        }
    }

    @Test
    void atMostSixteenStartEarlyInOneWakeUp() {
        // 1 due now and 20 due within the next second: 16 go with it, the others at their own times.
        List<Monitor> window = withinOneSecond(TWENTY_SECONDS, 21);
        try (Harness harness = new Harness(window.toArray(Monitor[]::new))) {
            Instant due = firstDue(window.get(0), T0);
            harness.advanceTo(due);
            assertThat(harness.runner.runs()).hasSize(1 + Timetable.MAX_EARLY);
            harness.advanceTo(firstDue(window.get(window.size() - 1), T0));
            List<Monitor> left = window.stream().filter(m -> !harness.runner.runsOf(m.id()).getFirst().equals(due)).toList();
            assertThat(left).hasSize(window.size() - 1 - Timetable.MAX_EARLY);
            for (Monitor late : left) {
                assertThat(harness.runner.runsOf(late.id())).as(late.id()).hasSize(1).first().isNotEqualTo(due);
            }
        }
    }

    @Test
    void aMonitorWhoseCheckIsStillRunningIsNotStartedEarlyButAtItsDueTime() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 200 && gap <= 800);
        Monitor first = pair[0];
        Monitor second = pair[1];
        try (Harness harness = new Harness(first, second)) {
            // A re-check of the second is running when the first falls due.
            harness.time.advanceTo(firstDue(first, T0).minusMillis(10));
            harness.runner.hold(second.id());
            assertThat(harness.scheduler.recheckNow(second.id())).isEqualTo(Recheck.STARTED);
            await().until(() -> harness.runner.running() == 1);
            harness.time.advanceTo(firstDue(first, T0));
            await().until(() -> harness.runner.runsOf(first.id()).size() == 1);
            harness.runner.release(second.id());
            harness.awaitChecksOver();

            harness.advanceTo(firstDue(second, T0));
            assertThat(harness.runner.runsOf(second.id())).hasSize(2).last().isEqualTo(firstDue(second, T0));
            assertThat(harness.stats().skipped()).as("not started early, so not skipped either").isZero();
        }
    }

    @Test
    void aDeferredMonitorIsNotStartedEarly() {
        Monitor[] pair = pairApart(TWENTY_SECONDS, gap -> gap >= 200 && gap <= 800);
        try (Harness harness = new Harness(pair)) {
            Instant due = firstDue(pair[0], T0);
            // Its Retry-After ends between the first's due time and its own.
            assertThat(harness.scheduler.deferUntil(pair[1].id(), due.plusMillis(100))).isTrue();
            harness.advanceTo(due);
            assertThat(harness.runner.runsOf(pair[1].id())).isEmpty();
            harness.advanceTo(firstDue(pair[1], T0));
            assertThat(harness.runner.runsOf(pair[1].id())).containsExactly(firstDue(pair[1], T0));
        }
    }

    @Test
    void aNegativeOrMissingEarlyStartIsRefusedNamingIt() {
        assertThatThrownBy(() -> new SchedulerLimits(64, 8, Duration.ofSeconds(5), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("early_start");
        assertThatThrownBy(() -> new SchedulerLimits(64, 8, Duration.ofSeconds(5), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("earlyStart");
        assertThat(SchedulerLimits.DEFAULTS.earlyStart()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SchedulerLimits.DEFAULTS.withoutEarlyStart().earlyStart()).isZero();
    }

    /** Two monitors of this interval whose offsets are this far apart (in ms), the earlier first. */
    private static Monitor[] pairApart(Duration interval, LongPredicate gap) {
        List<Monitor> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) candidates.add(monitor("m" + i, interval));
        candidates.sort(Comparator.comparing(m -> firstDue(m, T0)));
        for (int i = 0; i < candidates.size(); i++) {
            for (int j = i + 1; j < candidates.size(); j++) {
                long apart = Duration.between(firstDue(candidates.get(i), T0), firstDue(candidates.get(j), T0)).toMillis();
                if (gap.test(apart)) return new Monitor[] {candidates.get(i), candidates.get(j)};
            }
        }
        throw new IllegalStateException("no pair of monitors that far apart");
    }

    /** {@code count} monitors of this interval all due within one second of the first, in due order. */
    private static List<Monitor> withinOneSecond(Duration interval, int count) {
        List<Monitor> candidates = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) candidates.add(monitor("m" + i, interval));
        candidates.sort(Comparator.comparing(m -> firstDue(m, T0)));
        for (int i = 0; i + count <= candidates.size(); i++) {
            List<Monitor> window = candidates.subList(i, i + count);
            Instant first = firstDue(window.get(0), T0);
            // Strictly later than the first, so that only one of them is due when it is.
            if (firstDue(window.get(1), T0).isAfter(first)
                    && Duration.between(first, firstDue(window.get(count - 1), T0)).toMillis() <= 1_000) {
                return List.copyOf(window);
            }
        }
        throw new IllegalStateException("no " + count + " monitors within a second");
    }
}
