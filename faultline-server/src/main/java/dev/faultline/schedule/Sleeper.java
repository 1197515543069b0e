package dev.faultline.schedule;

import java.time.Clock;
import java.time.Instant;

/**
 * How the dispatcher waits for the next due time: until a deadline on the scheduler's clock,
 * or until it is woken because the timetable changed. Tests pass one driven by a fake clock.
 */
public interface Sleeper {

    /** Returns at {@code deadline}, when woken, or earlier: the caller looks at the clock again. */
    void sleepUntil(Instant deadline) throws InterruptedException;

    /** Ends the sleep under way, or else the next one at once, so that no wake-up is lost. */
    void wake();

    /** A sleeper that waits in real time for deadlines read on {@code clock}. */
    static Sleeper on(Clock clock) {
        return new ClockSleeper(clock);
    }
}
