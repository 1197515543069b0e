package dev.faultline.check;

import java.time.Duration;
import java.util.Optional;

/**
 * How long each phase of a check took. A phase that did not happen (no TLS on plain HTTP, no
 * first byte after a refused connection) is empty. With redirects, DNS, connect and TLS are
 * summed over the hops and the first byte is the final hop's.
 */
public record PhaseTimings(
        Optional<Duration> dns,
        Optional<Duration> connect,
        Optional<Duration> tls,
        Optional<Duration> firstByte,
        Duration total) {

    public static PhaseTimings totalOnly(Duration total) {
        return new PhaseTimings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), total);
    }
}
