package dev.faultline.schedule;

/** What {@link Scheduler#recheckNow(String)} did. */
public enum Recheck {
    /** A check started now, outside the cadence; the cadence goes on as before. */
    STARTED,
    /** A check is already running or waiting for a permit: its result is the one to wait for. */
    ALREADY_IN_FLIGHT,
    /** The monitor was asked to wait ({@link Scheduler#deferUntil}) and that time has not come. */
    DEFERRED,
    /** No monitor of the local region has this id, or the scheduler is closed. */
    NOT_SCHEDULED
}
