package dev.faultline.schedule;

/**
 * The scheduler's counters at one moment, for the metrics endpoint.
 *
 * @param monitors   monitors scheduled in the local region
 * @param running    checks holding their permits and running now
 * @param waiting    checks started on a thread but still waiting for a global or per-host permit
 * @param started    checks that got their permits and ran, since the start
 * @param completed  checks whose runner returned a result
 * @param failed     checks whose runner threw (a bug: logged)
 * @param skipped    due runs skipped because the monitor's previous check was still in flight
 * @param sinkFailures results the sink threw on (a bug: logged)
 * @param lag        due time → start, for every started check
 */
public record SchedulerStats(int monitors, int running, int waiting, long started, long completed, long failed,
                             long skipped, long sinkFailures, ScheduleLag.Snapshot lag) {

    /** Checks started on a thread and not over yet, running or waiting for a permit. */
    public int inFlight() {
        return running + waiting;
    }
}
