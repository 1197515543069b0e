package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.FailedAssertion;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Check results for store tests, with whole-microsecond times as the store keeps them. */
final class SampleResults {

    static final Instant NOW = Instant.parse("2026-03-01T12:34:56.789012Z");

    private SampleResults() {
    }

    /** An up result answered with 200 after {@code total}. */
    static CheckResult up(String monitor, Instant at, Duration total) {
        return of(monitor, "local", at, Cause.OK, 200, total);
    }

    /** A result with the given cause; status 0 means no HTTP answer. */
    static CheckResult of(String monitor, String region, Instant at, Cause cause, int status, Duration total) {
        return new CheckResult(monitor, region, URI.create("https://" + monitor + ".example.com/health"), at,
                PhaseTimings.totalOnly(total), status, Map.of(), status == 0 ? 0 : 2, status == 0 ? "" : "ab12",
                List.of(), Verdict.of(cause), Optional.empty(), Optional.empty(), "");
    }

    /** A degraded result with every field set. */
    static CheckResult full(String monitor, Instant at) {
        return new CheckResult(monitor, "eu-west", URI.create("https://api.example.com/health?x=1"), at,
                new PhaseTimings(Optional.of(Duration.ofNanos(412_000)), Optional.of(Duration.ofNanos(1_203_000)),
                        Optional.of(Duration.ofMillis(12).plusNanos(345_000)), Optional.of(Duration.ofMillis(2_100)),
                        Duration.ofMillis(2_150).plusNanos(1_000)),
                200,
                Map.of("Retry-After", "120", "Age", "31", "Cache-Control", "max-age=60", "X-Cache", "HIT",
                        "CF-Cache-Status", "HIT", "Via", "1.1 varnish", "Server", "nginx/1.25.3"),
                1_234_567, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", List.of(),
                Verdict.of(Cause.SLOW_RESPONSE), Optional.of(Duration.ofSeconds(120)),
                Optional.of(Instant.parse("2026-05-30T23:59:59Z")), "took 2.15 s, over the 2 s allowed");
    }

    /** Refused: no answer, no phases but the total. */
    static CheckResult refused(String monitor, Instant at) {
        return new CheckResult(monitor, "local", URI.create("http://127.0.0.1:1/"), at,
                new PhaseTimings(Optional.of(Duration.ofNanos(3_000)), Optional.empty(), Optional.empty(), Optional.empty(),
                        Duration.ofNanos(951_000)),
                0, Map.of(), 0, "", List.of(), Verdict.of(Cause.CONNECTION_REFUSED), Optional.empty(), Optional.empty(),
                "Failed to connect to /127.0.0.1:1: Connection refused");
    }

    /** A 200 whose body and headers failed their assertions. */
    static CheckResult failedAssertions(String monitor, Instant at) {
        return new CheckResult(monitor, "local", URI.create("https://shop.example.com/"), at,
                PhaseTimings.totalOnly(Duration.ofMillis(80)), 200, Map.of("Server", "cloudflare"), 512, "beef",
                List.of(new FailedAssertion("body_contains: ok", Cause.BODY_MISMATCH, "body does not contain \"ok\""),
                        new FailedAssertion("header: Content-Type=application/json", Cause.HEADER_MISMATCH,
                                "header Content-Type is \"text/html\", expected \"application/json\"")),
                Verdict.of(Cause.BODY_MISMATCH), Optional.empty(), Optional.empty(), "");
    }
}
