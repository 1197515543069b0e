package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.firstDue;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SchedulerCommandsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void recheckNowRunsAtOnceAndTheCadenceGoesOnUnchanged() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            harness.advanceTo(due.plusSeconds(10));

            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.STARTED);
            harness.awaitChecksOver();
            assertThat(harness.scheduler.nextDue("a")).contains(due.plus(MINUTE));
            harness.advanceTo(due.plus(MINUTE));

            assertThat(harness.runner.runsOf("a")).containsExactly(due, due.plusSeconds(10), due.plus(MINUTE));
            assertThat(harness.stats().lag().maxMillis()).isZero();
        }
    }

    @Test
    void recheckNowIsRefusedWhileACheckIsInFlightAndForUnknownMonitors() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            harness.runner.hold("a");
            harness.time.advanceTo(firstDue(a, T0));

            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.ALREADY_IN_FLIGHT);
            assertThat(harness.scheduler.recheckNow("nobody")).isEqualTo(Recheck.NOT_SCHEDULED);
            harness.runner.release("a");
            harness.awaitChecksOver();
            assertThat(harness.runner.runsOf("a")).hasSize(1);
        }
    }

    @Test
    void theSinkCanAskForARecheckOfTheMonitorWhoseResultItIsHandling() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            List<Recheck> answers = new CopyOnWriteArrayList<>();
            AtomicBoolean first = new AtomicBoolean(true);
            harness.onResult(result -> {
                if (first.getAndSet(false)) answers.add(harness.scheduler.recheckNow(result.monitor()));
            });
            harness.advanceTo(firstDue(a, T0));
            await().until(() -> harness.results.size() == 2);
            assertThat(answers).containsExactly(Recheck.STARTED);
            assertThat(harness.runner.runsOf("a")).hasSize(2);
        }
    }

    @Test
    void deferUntilHoldsTheMonitorAsAskedThenReturnsToItsInterval() {
        Monitor a = monitor("a", TEN_SECONDS);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);

            // A 429 with Retry-After: 35: the next check is at the first due time after 35 s.
            assertThat(harness.scheduler.deferUntil("a", due.plusSeconds(35))).isTrue();
            assertThat(harness.scheduler.nextDue("a")).contains(due.plusSeconds(40));
            harness.advanceTo(due.plusSeconds(34));
            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.DEFERRED);
            harness.advanceTo(due.plusSeconds(39).plusMillis(999));
            assertThat(harness.runner.runsOf("a")).containsExactly(due);
            harness.advanceTo(due.plusSeconds(40));
            harness.advanceTo(due.plusSeconds(50));

            assertThat(harness.runner.runsOf("a")).containsExactly(due, due.plusSeconds(40), due.plusSeconds(50));
            assertThat(harness.stats().skipped()).isZero();
            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.STARTED);
        }
    }

    @Test
    void deferUntilNeverBringsACheckForward() {
        Monitor a = monitor("a", TEN_SECONDS);
        try (Harness harness = new Harness(a)) {
            Instant due = firstDue(a, T0);
            harness.advanceTo(due);
            harness.scheduler.deferUntil("a", due.plusSeconds(3));
            assertThat(harness.scheduler.nextDue("a")).contains(due.plusSeconds(10));
            harness.advanceTo(due.plusSeconds(10));
            assertThat(harness.runner.runsOf("a")).containsExactly(due, due.plusSeconds(10));
            assertThat(harness.scheduler.deferUntil("nobody", due)).isFalse();
        }
    }
}
