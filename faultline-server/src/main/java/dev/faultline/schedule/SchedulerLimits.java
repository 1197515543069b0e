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
 */
public record SchedulerLimits(int maxInFlight, int maxInFlightPerHost, Duration closeGrace) {

    public static final SchedulerLimits DEFAULTS = new SchedulerLimits(512, 8, Duration.ofSeconds(15));

    public SchedulerLimits {
        if (maxInFlight < 1) throw new IllegalArgumentException("max_in_flight: must be at least 1, not " + maxInFlight);
        if (maxInFlightPerHost < 1) {
            throw new IllegalArgumentException("max_in_flight_per_host: must be at least 1, not " + maxInFlightPerHost);
        }
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (closeGrace.isNegative()) throw new IllegalArgumentException("close_grace: must not be negative");
    }
}
