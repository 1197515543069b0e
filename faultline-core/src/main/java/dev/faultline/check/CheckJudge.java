package dev.faultline.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the probe observed into a {@link CheckResult} with its verdict. Pure: the same
 * observation and instant always give the same result.
 */
public final class CheckJudge {

    private final JsonValueReader json;

    public CheckJudge(JsonValueReader json) {
        this.json = json;
    }

    /**
     * @param monitorId the monitor's stable id, recorded in the result
     * @param now       when the check ended: the reference for Retry-After dates and certificate expiry
     */
    public CheckResult judge(String monitorId, MonitorSpec spec, String region, Instant startedAt, ProbeOutcome outcome,
                             PhaseTimings timings, Instant now) {
        return switch (outcome) {
            case ProbeOutcome.Failed failed -> new CheckResult(monitorId, region, spec.url(), startedAt, timings, 0,
                    Map.of(), 0, "", List.of(), new Verdict.Down(failed.cause()), Optional.empty(),
                    Optional.empty(), failed.detail());
            case ProbeOutcome.Answered answered -> judgeAnswer(monitorId, spec, region, startedAt, answered.response(), timings, now);
        };
    }

    private CheckResult judgeAnswer(String monitorId, MonitorSpec spec, String region, Instant startedAt, Response response,
                                    PhaseTimings timings, Instant now) {
        int status = response.status();
        List<FailedAssertion> failures = new ArrayList<>();
        Verdict verdict;
        String detail = "";
        if (status < 100 || status > 599) {
            verdict = new Verdict.Down(Cause.PROTOCOL_ERROR);
            detail = "status code " + status + " is outside the HTTP range 100-599";
        } else if (!spec.expect().contains(status)) {
            verdict = new Verdict.Down(Cause.ofUnexpectedStatus(status));
            detail = "expected " + spec.expect();
        } else {
            // Assertions judge the page the monitor asked for; on an unexpected status the
            // status already says what is wrong, and an error page would fail them all.
            for (Assertion assertion : spec.assertions()) {
                assertion.failure(response, json).ifPresent(message -> failures.add(FailedAssertion.of(assertion, message)));
            }
            verdict = verdictForExpectedStatus(spec, response, timings, now, failures);
            detail = describe(verdict, spec, timings, response, failures);
        }
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? response.headers().first("Retry-After").flatMap(value -> RetryAfter.parse(value, now))
                : Optional.empty();
        return new CheckResult(monitorId, region, spec.url(), startedAt, timings, status,
                selectedHeaders(response.headers()), response.bodyBytes(), response.bodyDigest(), failures, verdict,
                retryAfter, response.certificateNotAfter(), detail);
    }

    private static Verdict verdictForExpectedStatus(MonitorSpec spec, Response response, PhaseTimings timings,
                                                    Instant now, List<FailedAssertion> failures) {
        if (!failures.isEmpty()) {
            // A body failure outranks a header failure: it is what users see.
            boolean body = failures.stream().anyMatch(f -> f.cause() == Cause.BODY_MISMATCH);
            return new Verdict.Down(body ? Cause.BODY_MISMATCH : Cause.HEADER_MISMATCH);
        }
        if (spec.maxResponseTime().isPresent() && timings.total().compareTo(spec.maxResponseTime().get()) > 0) {
            return new Verdict.Degraded(Cause.SLOW_RESPONSE);
        }
        if (response.certificateNotAfter().isPresent()
                && response.certificateNotAfter().get().isBefore(now.plus(spec.certificateWarning()))) {
            return new Verdict.Degraded(Cause.CERTIFICATE_EXPIRING);
        }
        return new Verdict.Up();
    }

    private static String describe(Verdict verdict, MonitorSpec spec, PhaseTimings timings, Response response,
                                   List<FailedAssertion> failures) {
        return switch (verdict.cause()) {
            case BODY_MISMATCH, HEADER_MISMATCH -> String.join("; ", failures.stream().map(FailedAssertion::message).toList());
            case SLOW_RESPONSE -> "took " + timings.total().toMillis() + " ms, over the limit of "
                    + spec.maxResponseTime().orElseThrow().toMillis() + " ms";
            case CERTIFICATE_EXPIRING -> "certificate ends " + response.certificateNotAfter().orElseThrow();
            default -> "";
        };
    }

    private static Map<String, String> selectedHeaders(ResponseHeaders headers) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : CheckResult.SELECTED_HEADERS) {
            headers.first(name).ifPresent(value -> selected.put(name, value));
        }
        return selected;
    }
}
