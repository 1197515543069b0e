package dev.faultline.schedule;

import static org.awaitility.Awaitility.await;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A scheduler on fake time with a recording runner and sink, started and closed by the test. */
final class Harness implements AutoCloseable {

    private static final SchedulerLimits DEFAULT_LIMITS = new SchedulerLimits(64, 8, Duration.ofSeconds(5));

    final FakeTime time = new FakeTime(TestMonitors.T0);
    final RecordingRunner runner = new RecordingRunner(time);
    final List<CheckResult> results = new CopyOnWriteArrayList<>();
    final Scheduler scheduler;
    private final AtomicLong delivered = new AtomicLong();
    private volatile Consumer<CheckResult> onResult = result -> { };

    Harness(SchedulerLimits limits, Monitor... monitors) {
        this("local", limits, monitors);
    }

    /** The scheduler of {@code region}: the server's own when {@code local}, else an agent's. */
    Harness(String region, SchedulerLimits limits, Monitor... monitors) {
        scheduler = new Scheduler(time, time, runner, this::accept, limits, region);
        scheduler.replaceAll(List.of(monitors));
        scheduler.start();
        time.awaitDispatcherAsleep();
    }

    Harness(Monitor... monitors) {
        this(DEFAULT_LIMITS, monitors);
    }

    static Harness inRegion(String region, Monitor... monitors) {
        return new Harness(region, DEFAULT_LIMITS, monitors);
    }

    /** Runs {@code action} on each result before it is recorded, on the check's thread. */
    void onResult(Consumer<CheckResult> action) {
        onResult = action;
    }

    private void accept(CheckResult result) {
        try {
            onResult.accept(result);
            results.add(result);
        } finally {
            delivered.incrementAndGet();
        }
    }

    /** Moves time on and waits until every check that fell due is over (none may be held). */
    void advanceTo(Instant time) {
        this.time.advanceTo(time);
        awaitChecksOver();
    }

    void advance(Duration by) {
        advanceTo(time.instant().plus(by));
    }

    void awaitChecksOver() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    SchedulerStats stats = scheduler.stats();
                    return stats.inFlight() == 0 && delivered.get() == stats.completed();
                });
    }

    SchedulerStats stats() {
        return scheduler.stats();
    }

    @Override
    public void close() {
        runner.releaseAll();
        scheduler.close();
    }
}
