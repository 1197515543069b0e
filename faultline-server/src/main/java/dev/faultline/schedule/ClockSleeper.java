package dev.faultline.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Waits in real time for a deadline on a wall clock. */
final class ClockSleeper implements Sleeper {

    // Waits are measured on the monotonic clock: waking at least once a second lets a jump of
    // the wall clock (NTP, a resumed VM) move the schedule within a second.
    private static final long MAX_WAIT_NANOS = Duration.ofSeconds(1).toNanos();

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;

    ClockSleeper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        long nanos = Math.min(MAX_WAIT_NANOS, nanosUntil(deadline));
        lock.lock();
        try {
            if (!woken && nanos > 0) {
                wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long nanosUntil(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.compareTo(Duration.ofDays(1)) > 0 ? Long.MAX_VALUE : left.toNanos();
    }
}
