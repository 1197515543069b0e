package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of one monitor in one span (a bucket, or several merged), over all its regions.
 *
 * @param faults   checks that were down, by whose fault (up and degraded checks have none)
 * @param causes   every check by its cause, {@code ok} included
 * @param statuses checks that got an HTTP answer, by status code
 * @param latency  the total time of the checks that got an HTTP answer (a timeout's time says
 *                 nothing about the service's speed); empty when none did
 */
public record Rollup(Instant start, long checks, long up, long degraded, long down,
                     Map<Fault, Long> faults, Map<Cause, Long> causes, Map<Integer, Long> statuses,
                     Optional<Latency> latency) {

    public Rollup {
        faults = Map.copyOf(faults);
        causes = Map.copyOf(causes);
        statuses = Map.copyOf(statuses);
    }
}
