package dev.faultline.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The mean time of each phase over the checks of one slot of time, from raw results (rollups
 * keep the total time only). A phase that never happened in the slot (no TLS on plain HTTP) is zero.
 */
public record PhaseSlot(Instant start, long checks, Duration dns, Duration connect, Duration tls, Duration firstByte,
                        Duration total) {
}
