package dev.faultline.bench;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check results as a fleet of monitors would produce them, one a minute each: mostly a 200 from
 * nginx after about a millisecond, one in a hundred a 503 with Retry-After.
 */
final class SampleResults {

    private static final Map<String, String> OK_HEADERS = Map.of("Server", "nginx/1.22.1");
    private static final Map<String, String> BUSY_HEADERS = Map.of("Server", "nginx/1.22.1", "Retry-After", "120");
    private static final String OK_DIGEST = "2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df";
    private static final String BUSY_DIGEST = "6d3bdd4ff6e45d43d5bd1ab2d2b1ac2fb3b3d1a17d2e4f3f5c0d9b7fa1f2e3a4";

    private final int monitors;
    private final Instant start;

    /** Results of {@code monitors} monitors checked every minute, the first minute starting at {@code start}. */
    SampleResults(int monitors, Instant start) {
        this.monitors = monitors;
        this.start = start;
    }

    static String monitorId(int i) {
        return "m-%05d".formatted(i);
    }

    /** The {@code k}-th result: monitor k mod N, in minute k / N, each monitor at its own second. */
    CheckResult get(long k) {
        int monitor = (int) (k % monitors);
        long minute = k / monitors;
        Instant startedAt = start.plus(Duration.ofMinutes(minute)).plusNanos(monitor * (60_000_000_000L / monitors));
        String id = monitorId(monitor);
        URI url = URI.create("http://127.0.0.1:8080/health/" + id);
        long totalMicros = 500 + (k * 37) % 3_000;
        PhaseTimings timings = new PhaseTimings(Optional.empty(), Optional.of(Duration.ofNanos(120_000)), Optional.empty(),
                Optional.of(Duration.ofNanos((totalMicros - 100) * 1_000)), Duration.ofNanos(totalMicros * 1_000));
        boolean busy = ((k * 0x9E3779B97F4A7C15L) >>> 40) % 100 == 0; // one in a hundred, scattered
        if (busy) {
            return new CheckResult(id, "local", url, startedAt, timings, 503, BUSY_HEADERS, 21, BUSY_DIGEST, List.of(),
                    Verdict.of(Cause.SERVICE_UNAVAILABLE), Optional.of(Duration.ofSeconds(120)), Optional.empty(), "");
        }
        return new CheckResult(id, "local", url, startedAt, timings, 200, OK_HEADERS, 3, OK_DIGEST, List.of(),
                Verdict.of(Cause.OK), Optional.empty(), Optional.empty(), "");
    }
}
