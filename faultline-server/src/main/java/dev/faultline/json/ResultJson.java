package dev.faultline.json;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

/**
 * A check result as an agent sends it to the server: every fact of the {@link CheckResult},
 * nothing derived (the diagnosis follows from the facts), durations in microseconds as the store
 * keeps them. Unlike {@link CheckResultView}, it reads back into the same result.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultJson(String monitor, String region, String url, String startedAt, Long dnsUs, Long connectUs, Long tlsUs,
                         Long firstByteUs, long totalUs, int status, Map<String, String> headers, long bodyBytes,
                         String bodySha256, List<FailedAssertionJson> failedAssertions, String cause, Long retryAfterS,
                         String certificateNotAfter, String detail) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FailedAssertionJson(String assertion, String cause, String message) {
    }

    public static ResultJson of(CheckResult r) {
        PhaseTimings t = r.timings();
        return new ResultJson(r.monitor(), r.region(), r.url().toString(), r.startedAt().toString(), micros(t.dns()),
                micros(t.connect()), micros(t.tls()), micros(t.firstByte()), t.total().toNanos() / 1_000, r.status(), r.headers(),
                r.bodyBytes(), r.bodyDigest(),
                r.failedAssertions().stream().map(f -> new FailedAssertionJson(f.assertion(), f.cause().id(), f.message())).toList(),
                r.verdict().cause().id(), r.retryAfter().map(Duration::toSeconds).orElse(null),
                r.certificateNotAfter().map(Instant::toString).orElse(null), r.detail());
    }

    /**
     * The result this describes.
     *
     * @throws IllegalArgumentException naming the field that cannot be read
     */
    public CheckResult toResult() {
        return new CheckResult(required("monitor", monitor), required("region", region), parse("url", url, URI::create),
                parse("started_at", startedAt, Instant::parse),
                new PhaseTimings(duration(dnsUs), duration(connectUs), duration(tlsUs), duration(firstByteUs),
                        Duration.ofNanos(totalUs * 1_000)),
                status, headers == null ? Map.of() : headers, bodyBytes, bodySha256 == null ? "" : bodySha256,
                failedAssertions == null ? List.of() : failedAssertions.stream()
                        .map(f -> new FailedAssertion(f.assertion(), cause("failed_assertions.cause", f.cause()), f.message()))
                        .toList(),
                Verdict.of(cause("cause", cause)), Optional.ofNullable(retryAfterS).map(Duration::ofSeconds),
                Optional.ofNullable(certificateNotAfter).map(text -> parse("certificate_not_after", text, Instant::parse)),
                detail == null ? "" : detail);
    }

    private static Long micros(Optional<Duration> duration) {
        return duration.map(d -> d.toNanos() / 1_000).orElse(null);
    }

    private static Optional<Duration> duration(Long micros) {
        return Optional.ofNullable(micros).map(us -> Duration.ofNanos(us * 1_000));
    }

    private static Cause cause(String field, String id) {
        return Cause.fromId(String.valueOf(id)).orElseThrow(() -> new IllegalArgumentException(field + ": unknown cause '" + id + "'"));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + ": is required");
        return value;
    }

    private static <T> T parse(String field, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(required(field, text));
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(field + ":")) throw e;
            throw new IllegalArgumentException(field + ": cannot read '" + text + "'");
        }
    }
}
