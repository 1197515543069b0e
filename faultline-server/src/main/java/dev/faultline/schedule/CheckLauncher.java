package dev.faultline.schedule;

import dev.faultline.check.CheckResult;
import dev.faultline.monitor.Monitor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each check on a virtual thread of its own: waits there for a per-host and then a global
 * permit (so the dispatcher never blocks), records the lag, calls the runner and hands the
 * result to the sink. Keeps the counters the scheduler reports.
 */
final class CheckLauncher {

    private static final Logger log = LoggerFactory.getLogger(CheckLauncher.class);

    private final Clock clock;
    private final String region;
    private final CheckRunner runner;
    private final ResultSink sink;
    private final Semaphore global;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduleLag lag = new ScheduleLag();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private volatile boolean closing;

    CheckLauncher(Clock clock, CheckRunner runner, ResultSink sink, int maxInFlight, String region) {
        this.clock = clock;
        this.region = region;
        this.runner = runner;
        this.sink = sink;
        // Fair, so that when the limit is reached checks start in the order they fell due.
        this.global = new Semaphore(maxInFlight, true);
    }

    /** Starts a check of an entry that is not in flight; called under the scheduler's lock. */
    void launch(ScheduledMonitor entry, long dueMillis) {
        entry.inFlight = true;
        waiting.incrementAndGet();
        Monitor monitor = entry.monitor;
        Semaphore host = entry.hostPermits;
        try {
            threads.execute(() -> check(entry, monitor, host, dueMillis));
        } catch (RejectedExecutionException closed) {
            waiting.decrementAndGet();
            entry.inFlight = false;
        }
    }

    /** Counts a due run not started because the monitor's previous check is still in flight. */
    void skip() {
        skipped.incrementAndGet();
    }

    SchedulerStats stats(int monitors) {
        // Waiting first: a check moves from waiting to running, and must not be missed in between.
        int waitingNow = waiting.get();
        int runningNow = running.get();
        return new SchedulerStats(monitors, runningNow, waitingNow, started.get(), completed.get(),
                failed.get(), skipped.get(), sinkFailures.get(), lag.snapshot());
    }

    /**
     * Starts no more checks, waits up to {@code grace} for those running, then interrupts them.
     * Returns whether every check thread ended.
     */
    boolean close(Duration grace) throws InterruptedException {
        closing = true;
        threads.shutdown();
        if (threads.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) return true;
        log.warn("{} check(s) still running {} after close; interrupting them", running.get(), grace);
        threads.shutdownNow();
        return threads.awaitTermination(1, TimeUnit.SECONDS);
    }

    private void check(ScheduledMonitor entry, Monitor monitor, Semaphore host, long dueMillis) {
        CheckResult result;
        try {
            result = withPermits(monitor, host, dueMillis);
        } finally {
            // Before the sink: a sink that asks for a re-check at once must find the monitor idle.
            entry.inFlight = false;
        }
        if (result != null) deliver(result);
    }

    private CheckResult withPermits(Monitor monitor, Semaphore host, long dueMillis) {
        try {
            // The host's permit first: a check queued behind a saturated host holds no global permit.
            host.acquire();
            try {
                global.acquire();
                try {
                    if (!closing) return run(monitor, dueMillis);
                    waiting.decrementAndGet();
                    return null;
                } finally {
                    global.release();
                }
            } finally {
                host.release();
            }
        } catch (InterruptedException e) {
            waiting.decrementAndGet(); // interrupted while waiting for a permit: closing
            return null;
        }
    }

    private CheckResult run(Monitor monitor, long dueMillis) {
        // Up before down, so that the check never looks over while it is on its way.
        running.incrementAndGet();
        waiting.decrementAndGet();
        lag.record(clock.millis() - dueMillis);
        started.incrementAndGet();
        try {
            CheckResult result = runner.run(monitor, region);
            completed.incrementAndGet();
            return result;
        } catch (RuntimeException e) {
            logBug(failed.incrementAndGet(), "check of " + monitor.id() + " threw", e);
            return null;
        } finally {
            running.decrementAndGet();
        }
    }

    private void deliver(CheckResult result) {
        try {
            sink.accept(result);
        } catch (RuntimeException e) {
            logBug(sinkFailures.incrementAndGet(), "result sink threw on a result of " + result.monitor(), e);
        }
    }

    // A bug that repeats on every check must not flood the log: the first, then every thousandth.
    private static void logBug(long count, String what, RuntimeException e) {
        if (count == 1 || count % 1000 == 0) {
            log.error("{} ({} time(s) so far)", what, count, e);
        } else {
            log.debug("{} ({} time(s) so far)", what, count, e);
        }
    }
}
