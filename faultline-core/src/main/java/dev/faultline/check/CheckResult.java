package dev.faultline.check;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one check of one monitor from one region established. The diagnosis is not
 * stored: it follows from these facts ({@link Diagnosis#of(CheckResult)}).
 *
 * @param monitor       the monitor's stable id
 * @param status        the HTTP status of the final answer, or 0 when there was none
 * @param headers       the selected headers of the final answer ({@link #SELECTED_HEADERS})
 * @param bodyDigest    hex SHA-256 of the body bytes read, empty when there was no answer
 * @param detail        what went wrong, in the client's words; empty when nothing did
 */
public record CheckResult(
        String monitor,
        String region,
        URI url,
        Instant startedAt,
        PhaseTimings timings,
        int status,
        Map<String, String> headers,
        long bodyBytes,
        String bodyDigest,
        List<FailedAssertion> failedAssertions,
        Verdict verdict,
        Optional<Duration> retryAfter,
        Optional<Instant> certificateNotAfter,
        String detail) {

    /** Headers kept with every result: back-off hints and the tell-tales of caches and CDNs. */
    public static final List<String> SELECTED_HEADERS = List.of(
            "Retry-After", "Age", "Cache-Control", "X-Cache", "X-Cache-Status", "CF-Cache-Status", "Via", "Server", "Location");

    public CheckResult {
        headers = Map.copyOf(headers);
        failedAssertions = List.copyOf(failedAssertions);
    }

    public boolean hasStatus() {
        return status != 0;
    }
}
