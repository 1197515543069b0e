package dev.faultline.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, and the sleeper that goes with it: the dispatcher sleeps
 * until the test moves the clock to its deadline. {@link #advanceTo} returns only when the
 * dispatcher has dealt with everything due and sleeps again, so tests are deterministic.
 */
final class FakeTime extends Clock implements Sleeper {

    private static final long IDLE_TIMEOUT_MILLIS = 10_000;

    private final Object lock = new Object();
    private volatile Instant now;
    private Instant sleepingUntil; // null while the dispatcher is awake
    private boolean woken;
    private volatile Thread sleeper;

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a fake clock stays in UTC");
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        synchronized (lock) {
            sleeper = Thread.currentThread();
            sleepingUntil = deadline;
            lock.notifyAll();
            while (!woken && now.isBefore(deadline)) {
                lock.wait();
            }
            woken = false;
            sleepingUntil = null;
        }
    }

    @Override
    public void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    void advance(Duration by) {
        advanceTo(now.plus(by));
    }

    /** Moves the clock on, then waits until the dispatcher has started what fell due and sleeps again. */
    void advanceTo(Instant time) {
        synchronized (lock) {
            if (time.isBefore(now)) throw new IllegalArgumentException("time runs forward: " + time + " < " + now);
            now = time;
            lock.notifyAll();
            awaitDispatcherAsleep();
        }
    }

    /** Waits until the dispatcher sleeps towards a deadline that has not come, with no wake-up pending. */
    void awaitDispatcherAsleep() {
        synchronized (lock) {
            long giveUpAt = System.nanoTime() + IDLE_TIMEOUT_MILLIS * 1_000_000;
            while (sleepingUntil == null || woken || !sleepingUntil.isAfter(now)) {
                long left = (giveUpAt - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new AssertionError("the dispatcher did not go back to sleep at " + now);
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The thread that last slept here: the scheduler's dispatcher. */
    Thread sleeper() {
        return sleeper;
    }
}
