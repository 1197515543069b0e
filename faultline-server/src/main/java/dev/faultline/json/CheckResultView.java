package dev.faultline.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.check.FailedAssertion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shape of one check result (DESIGN.md §7): what {@code faultline check --format json}
 * prints and what the API returns for each result.
 */
public record CheckResultView(
        String url,
        String region,
        String time,
        String outcome,
        String fault,
        String cause,
        Integer status,
        String severity,
        DiagnosisView diagnosis,
        @JsonProperty("retry_after_seconds") Long retryAfterSeconds,
        @JsonProperty("timings_ms") TimingsView timingsMs,
        @JsonProperty("failed_assertions") List<FailedAssertionView> failedAssertions,
        String detail,
        @JsonProperty("body_bytes") long bodyBytes,
        @JsonProperty("body_sha256") String bodySha256,
        @JsonProperty("certificate_not_after") String certificateNotAfter,
        Map<String, String> headers) {

    public record DiagnosisView(String summary, @JsonProperty("next_step") String nextStep, String whose,
                                @JsonProperty("likely_causes") List<String> likelyCauses) {
    }

    public record TimingsView(Double dns, Double connect, Double tls, Double ttfb, double total) {
    }

    public record FailedAssertionView(String assertion, String cause, String message) {
    }

    public static CheckResultView of(CheckResult result) {
        Diagnosis diagnosis = Diagnosis.of(result);
        return new CheckResultView(
                result.url().toString(),
                result.region(),
                result.startedAt().toString(),
                result.verdict().outcome().id(),
                result.verdict().fault().id(),
                result.verdict().cause().id(),
                result.hasStatus() ? result.status() : null,
                result.verdict().severity().id(),
                new DiagnosisView(diagnosis.summary(), diagnosis.nextStep(), diagnosis.whose(), diagnosis.likelyCauses()),
                result.retryAfter().map(Duration::toSeconds).orElse(null),
                new TimingsView(millis(result.timings().dns()), millis(result.timings().connect()),
                        millis(result.timings().tls()), millis(result.timings().firstByte()),
                        round(result.timings().total())),
                result.failedAssertions().stream().map(CheckResultView::view).toList(),
                result.detail(),
                result.bodyBytes(),
                result.bodyDigest(),
                result.certificateNotAfter().map(Object::toString).orElse(null),
                result.headers());
    }

    private static FailedAssertionView view(FailedAssertion failed) {
        return new FailedAssertionView(failed.assertion(), failed.cause().id(), failed.message());
    }

    private static Double millis(Optional<Duration> duration) {
        return duration.map(CheckResultView::round).orElse(null);
    }

    // Milliseconds with a tenth of a millisecond: finer is noise, coarser hides loopback timings.
    private static double round(Duration duration) {
        return Math.round(duration.toNanos() / 100_000.0) / 10.0;
    }
}
