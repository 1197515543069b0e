package dev.faultline.schedule;

import dev.faultline.monitor.Monitor;
import java.util.concurrent.Semaphore;

/**
 * The run-time state of one scheduled monitor. Every field but {@link #inFlight} is read and
 * written only under the scheduler's lock; {@code dueMillis} changes only while the entry is
 * out of the timetable's queue or the queue is about to be rebuilt, so the heap order holds.
 */
final class ScheduledMonitor {

    final String id;
    Monitor monitor;
    Cadence cadence;
    Semaphore hostPermits;
    long dueMillis;
    /** No check before this time (a Retry-After); zero when none was asked for. */
    long deferredUntilMillis;
    /** Set under the lock when a check starts, cleared by the check's thread when it is over. */
    volatile boolean inFlight;

    ScheduledMonitor(Monitor monitor, Cadence cadence, Semaphore hostPermits, long dueMillis) {
        this.id = monitor.id();
        this.monitor = monitor;
        this.cadence = cadence;
        this.hostPermits = hostPermits;
        this.dueMillis = dueMillis;
    }

    /** When the next check is due, counting a deferral that the queue has not seen yet. */
    long effectiveDueMillis() {
        return deferredUntilMillis > dueMillis ? cadence.firstDueAtOrAfter(deferredUntilMillis) : dueMillis;
    }
}
