package dev.faultline.store;

import java.time.Instant;
import java.util.OptionalDouble;

/** How available a monitor was over the usual windows up to {@code asOf}, over all its regions. */
public record Uptime(Instant asOf, Availability last24h, Availability last7d, Availability last30d, Availability last90d) {

    /**
     * Checks in a window and how many of them were up or degraded (working, if slowly).
     */
    public record Availability(long checks, long available) {

        /** The percentage of available checks, 0 to 100; empty when there were no checks. */
        public OptionalDouble percent() {
            return checks == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * available / checks);
        }
    }
}
