package dev.faultline.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds the scheduler keeps.
 *
 * @param maxInFlight        checks running at once, over all monitors
 * @param maxInFlightPerHost checks running at once against one host and port (politeness)
 * @param closeGrace         how long {@link Scheduler#close()} waits for running checks before
 *                           interrupting them
 * @param earlyStart         how much earlier than its due time a check may start, so that it shares
 *                           the wake-up of a check that is due now (and at most a twentieth of its
 *                           monitor's interval); zero starts every check at its due time. See
 *                           {@link Timetable#takeDue}.
 */
public record SchedulerLimits(int maxInFlight, int maxInFlightPerHost, Duration closeGrace, Duration earlyStart) {

    /**
     * A second of early start: at 10 checks a second, ten checks share a wake-up instead of each
     * paying its own (BENCHMARKS.md: 2.4 times less CPU per check), and a 20-second interval moves
     * by at most 5 %.
     */
    public static final Duration DEFAULT_EARLY_START = Duration.ofSeconds(1);
    public static final SchedulerLimits DEFAULTS = new SchedulerLimits(512, 8, Duration.ofSeconds(15));

    public SchedulerLimits {
        if (maxInFlight < 1) throw new IllegalArgumentException("max_in_flight: must be at least 1, not " + maxInFlight);
        if (maxInFlightPerHost < 1) {
            throw new IllegalArgumentException("max_in_flight_per_host: must be at least 1, not " + maxInFlightPerHost);
        }
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (closeGrace.isNegative()) throw new IllegalArgumentException("close_grace: must not be negative");
        Objects.requireNonNull(earlyStart, "earlyStart");
        if (earlyStart.isNegative()) throw new IllegalArgumentException("early_start: must not be negative");
    }

    /** With the default early start. */
    public SchedulerLimits(int maxInFlight, int maxInFlightPerHost, Duration closeGrace) {
        this(maxInFlight, maxInFlightPerHost, closeGrace, DEFAULT_EARLY_START);
    }

    /** These limits, with checks started exactly at their due times. */
    public SchedulerLimits withoutEarlyStart() {
        return new SchedulerLimits(maxInFlight, maxInFlightPerHost, closeGrace, Duration.ZERO);
    }
}
