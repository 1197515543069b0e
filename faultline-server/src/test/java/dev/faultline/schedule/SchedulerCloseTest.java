package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.T0;
import static dev.faultline.schedule.TestMonitors.firstDue;
import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.monitor.Monitor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SchedulerCloseTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void closeStopsTheDispatcherAndWaitsForTheRunningCheckToDeliver() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(a)) {
            harness.runner.hold("a");
            harness.time.advanceTo(firstDue(a, T0));
            await().until(() -> harness.runner.running() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(harness.scheduler::close);
            await().until(() -> !harness.time.sleeper().isAlive());
            assertThat(closing).isNotDone();
            harness.runner.release("a");
            closing.join();

            assertThat(harness.results).hasSize(1);
            assertThat(harness.scheduler.recheckNow("a")).isEqualTo(Recheck.NOT_SCHEDULED);
        }
    }

    @Test
    void closeInterruptsChecksThatOutlastTheGrace() {
        Monitor a = monitor("a", MINUTE);
        try (Harness harness = new Harness(new SchedulerLimits(8, 8, Duration.ofMillis(200)), a)) {
            harness.runner.hold("a");
            harness.time.advanceTo(firstDue(a, T0));
            await().until(() -> harness.runner.running() == 1);

            long start = System.nanoTime();
            harness.scheduler.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
            assertThat(harness.runner.wasInterrupted("a")).isTrue();
            assertThat(harness.stats().failed()).isEqualTo(1);
        }
    }

    @Test
    void checksStillWaitingForAPermitDoNotStartOnceClosing() {
        Monitor a = monitor("a", MINUTE);
        Monitor b = monitor("b", MINUTE);
        Monitor first = firstDue(a, T0).isBefore(firstDue(b, T0)) ? a : b;
        Monitor second = first == a ? b : a;
        try (Harness harness = new Harness(new SchedulerLimits(1, 8, Duration.ofSeconds(5)), a, b)) {
            harness.runner.hold(first.id());
            harness.time.advanceTo(firstDue(first, T0));
            await().until(() -> harness.runner.running() == 1);
            harness.time.advanceTo(firstDue(second, T0));
            assertThat(harness.stats().waiting()).isEqualTo(1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(harness.scheduler::close);
            await().until(() -> !harness.time.sleeper().isAlive());
            harness.runner.release(first.id());
            closing.join();

            assertThat(harness.runner.runs()).extracting(RecordingRunner.Run::monitorId).containsExactly(first.id());
            assertThat(harness.stats().inFlight()).isZero();
        }
    }
}
