package dev.faultline.incidents;

import java.time.Instant;

/** Runs a task at an instant: confirmation deadlines and maintenance boundaries. */
@FunctionalInterface
public interface Alarms {

    /** Runs {@code task} at {@code at}, or at once when that has passed. Tasks must be quick: hand work on. */
    void set(Instant at, Runnable task);
}
