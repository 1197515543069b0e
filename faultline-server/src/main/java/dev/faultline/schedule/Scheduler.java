package dev.faultline.schedule;

import dev.faultline.config.AgentConfig;
import dev.faultline.monitor.Monitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks of one probe region's monitors (the server's {@code local}, or an agent's),
 * each at its {@link Cadence} in this region: a monitor's regions take turns over its interval,
 * each scheduler working out its own turn from the monitor's regions alone. One dispatcher
 * thread sleeps until the next due time and starts what fell due, each check on a virtual
 * thread of its own, which waits for a per-host and a global permit ({@link SchedulerLimits})
 * without holding up the dispatcher. A monitor whose previous check is still in flight when it
 * falls due again skips that run. Every result goes to the {@link ResultSink}. Checks due soon
 * after one that is due now may start with it, up to {@link SchedulerLimits#earlyStart()} early,
 * so that they share its wake-ups; their cadence stays as it is.
 *
 * <p>Thread-safe: {@link #replaceAll}, {@link #recheckNow} and {@link #deferUntil} may be called
 * from any thread, the sink included.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final long IDLE_WAIT_MILLIS = 60_000;

    private final Clock clock;
    private final Sleeper sleeper;
    private final SchedulerLimits limits;
    private final String region;
    private final CheckLauncher launcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Timetable timetable;
    private final long earlyStartMillis;
    private final Timetable.Dispatch dispatch = this::dispatch;
    private final Thread dispatcher = Thread.ofPlatform().name("faultline-scheduler").daemon().unstarted(this::dispatchLoop);
    private boolean started;
    private boolean closed;

    public Scheduler(Clock clock, Sleeper sleeper, CheckRunner runner, ResultSink sink, SchedulerLimits limits) {
        this(clock, sleeper, runner, sink, limits, AgentConfig.LOCAL_REGION);
    }

    /**
     * A scheduler for one probe region: it runs the monitors whose regions name it, and its
     * results carry that region (the server's own region, or a remote agent's).
     */
    public Scheduler(Clock clock, Sleeper sleeper, CheckRunner runner, ResultSink sink, SchedulerLimits limits, String region) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.limits = limits;
        this.earlyStartMillis = limits.earlyStart().toMillis();
        this.region = AgentConfig.requireRegionName(region);
        this.launcher = new CheckLauncher(clock, runner, sink, limits.maxInFlight(), region);
        this.timetable = new Timetable(new HostPermits(limits.maxInFlightPerHost()), region);
    }

    /** A scheduler that sleeps in real time. */
    public Scheduler(Clock clock, CheckRunner runner, ResultSink sink, SchedulerLimits limits) {
        this(clock, Sleeper.on(clock), runner, sink, limits);
    }

    /** A scheduler for one region that sleeps in real time. */
    public Scheduler(Clock clock, CheckRunner runner, ResultSink sink, SchedulerLimits limits, String region) {
        this(clock, Sleeper.on(clock), runner, sink, limits, region);
    }

    /** Starts the dispatcher thread; monitors can be given before or after. */
    public void start() {
        lock.lock();
        try {
            if (closed || started) throw new IllegalStateException(closed ? "the scheduler is closed" : "already started");
            started = true;
            dispatcher.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes these monitors the scheduled ones (those of other regions are left to agents). A
     * monitor kept with the same interval and regions keeps its phase; a changed interval, or
     * regions that give this region another turn ({@link RegionSlot}), take effect at the first due
     * time of the new cadence after now; a new monitor first runs at its offset, not at once. A
     * removed monitor is not checked again; a check of it already in flight finishes and its
     * result is delivered.
     *
     * @throws IllegalArgumentException when two local monitors share an id
     */
    public void replaceAll(Collection<Monitor> monitors) {
        lock.lock();
        try {
            int removed = timetable.replaceAll(monitors, clock.millis());
            log.info("Scheduling {} monitor(s) in region {}; {} removed", timetable.size(), region, removed);
        } finally {
            lock.unlock();
        }
        sleeper.wake();
    }

    /**
     * Starts a check of the monitor now, outside its cadence, which goes on unchanged; should the
     * re-check still be running when the monitor falls due, that run is skipped. Refused while a
     * check is in flight or while a deferral holds.
     */
    public Recheck recheckNow(String monitorId) {
        lock.lock();
        try {
            ScheduledMonitor entry = timetable.get(monitorId);
            if (entry == null || closed) return Recheck.NOT_SCHEDULED;
            if (entry.inFlight) return Recheck.ALREADY_IN_FLIGHT;
            long now = clock.millis();
            if (entry.deferredUntilMillis > now) return Recheck.DEFERRED;
            launcher.launch(entry, now);
            return Recheck.STARTED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the monitor's checks until {@code until} (a Retry-After): its next check is at the
     * first due time of its cadence at or after that instant, and the cadence goes on from there.
     * Never brings a check forward. Returns false when the monitor is not scheduled here.
     */
    public boolean deferUntil(String monitorId, Instant until) {
        lock.lock();
        try {
            ScheduledMonitor entry = timetable.get(monitorId);
            if (entry == null) return false;
            // The entry stays where it is in the queue; the deferral is applied when it falls due.
            entry.deferredUntilMillis = Math.max(entry.deferredUntilMillis, until.toEpochMilli());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** When the monitor's next regular check is due, or empty when it is not scheduled here. */
    public Optional<Instant> nextDue(String monitorId) {
        lock.lock();
        try {
            ScheduledMonitor entry = timetable.get(monitorId);
            return entry == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(entry.effectiveDueMillis()));
        } finally {
            lock.unlock();
        }
    }

    public SchedulerStats stats() {
        int monitors;
        lock.lock();
        try {
            monitors = timetable.size();
        } finally {
            lock.unlock();
        }
        return launcher.stats(monitors);
    }

    /**
     * Stops the dispatcher, starts no more checks, and waits for the running ones up to
     * {@link SchedulerLimits#closeGrace()} before interrupting them. Results of checks that
     * finish meanwhile still go to the sink.
     */
    @Override
    public void close() {
        boolean running;
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            running = started;
        } finally {
            lock.unlock();
        }
        sleeper.wake();
        try {
            if (running) dispatcher.join(Duration.ofSeconds(5));
            launcher.close(limits.closeGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatchLoop() {
        while (true) {
            long wakeAt;
            lock.lock();
            try {
                if (closed) return;
                long now = clock.millis();
                timetable.takeDue(now, earlyStartMillis, dispatch);
                wakeAt = Math.min(timetable.nextDueMillis(), now + IDLE_WAIT_MILLIS);
            } catch (RuntimeException e) {
                log.error("Scheduler dispatch failed; carrying on", e);
                wakeAt = clock.millis() + 1_000;
            } finally {
                lock.unlock();
            }
            try {
                sleeper.sleepUntil(Instant.ofEpochMilli(wakeAt));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatch(ScheduledMonitor entry, long dueMillis) {
        if (entry.inFlight) {
            launcher.skip();
        } else {
            launcher.launch(entry, dueMillis);
        }
    }
}
