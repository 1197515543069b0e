package dev.faultline.check;

import static dev.faultline.check.TestResponse.FAST;
import static dev.faultline.check.TestResponse.NOW;
import static dev.faultline.check.TestResponse.URL;
import static dev.faultline.check.TestResponse.judge;
import static dev.faultline.check.TestResponse.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the judge weighs assertions against the status, and what it records with a result. */
class CheckJudgeTest {

    private static final Response HEALTHY = TestResponse.status(200)
            .header("Content-Type", "application/json")
            .body("{\"status\":\"ok\"}")
            .build();

    @Test
    void aResponseMeetingEveryAssertionIsUp() {
        MonitorSpec spec = spec()
                .assertion(new Assertion.BodyContains("ok"))
                .assertion(new Assertion.HeaderEquals("Content-Type", "application/json"))
                .build();

        CheckResult result = judge(spec, HEALTHY);

        assertThat(result.verdict()).isEqualTo(new Verdict.Up());
        assertThat(result.failedAssertions()).isEmpty();
        assertThat(result.detail()).isEmpty();
    }

    @Test
    void aFailedBodyAssertionIsABodyMismatchWithItsMessage() {
        Assertion contains = new Assertion.BodyContains("healthy");
        CheckResult result = judge(spec().assertion(contains).build(), HEALTHY);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.BODY_MISMATCH));
        assertThat(result.verdict().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(result.failedAssertions())
                .containsExactly(FailedAssertion.of(contains, "body does not contain \"healthy\""));
        assertThat(result.detail()).isEqualTo("body does not contain \"healthy\"");
    }

    @Test
    void aFailedHeaderAssertionAloneIsAHeaderMismatch() {
        CheckResult result = judge(spec().assertion(new Assertion.BodyContains("ok"))
                .assertion(new Assertion.HeaderEquals("Content-Type", "text/html")).build(), HEALTHY);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.HEADER_MISMATCH));
        assertThat(result.verdict().fault()).isEqualTo(Fault.CONTENT);
    }

    @Test
    void aBodyFailureOutranksAHeaderFailureAndBothAreRecordedInOrder() {
        Assertion header = new Assertion.HeaderEquals("Content-Type", "text/html");
        Assertion body = new Assertion.BodyNotContains("status");
        CheckResult result = judge(spec().assertion(header).assertion(body).build(), HEALTHY);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.BODY_MISMATCH));
        assertThat(result.failedAssertions()).extracting(FailedAssertion::assertion).containsExactly(header.describe(), body.describe());
        assertThat(result.detail())
                .isEqualTo("header Content-Type is \"application/json\", expected \"text/html\"; body contains \"status\"");
    }

    @Test
    void theJudgeReadsJsonThroughItsReader() {
        MonitorSpec spec = spec().assertion(Assertion.JsonPathEquals.parse("$.status=ok")).build();
        JsonValueReader degraded = (body, path) -> Optional.of("degraded");

        CheckResult result = new CheckJudge(degraded).judge(spec.name(), spec, "local", NOW, new ProbeOutcome.Answered(HEALTHY), FAST, NOW);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.BODY_MISMATCH));
        assertThat(result.detail()).isEqualTo("$.status is \"degraded\", expected \"ok\"");
    }

    @Test
    void assertionsAreNotEvaluatedWhenTheStatusIsUnexpected() {
        MonitorSpec spec = spec()
                .assertion(new Assertion.BodyContains("ok"))
                .assertion(Assertion.JsonPathEquals.parse("$.status=ok"))
                .build();
        JsonValueReader mustNotRun = (body, path) -> {
            throw new AssertionError("assertions ran on an unexpected status");
        };
        Response errorPage = TestResponse.status(500).body("<h1>Internal Server Error</h1>").build();

        CheckResult result = new CheckJudge(mustNotRun).judge(spec.name(), spec, "local", NOW, new ProbeOutcome.Answered(errorPage), FAST, NOW);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.INTERNAL_SERVER_ERROR));
        assertThat(result.failedAssertions()).isEmpty();
        assertThat(result.detail()).isEqualTo("expected 2xx");
    }

    @Test
    void aTruncatedBodyFailureSaysSoInTheResult() {
        Response truncated = TestResponse.status(200).body("x".repeat(64)).truncated().build();

        CheckResult result = judge(spec().assertion(new Assertion.BodyContains("</html>")).build(), truncated);

        assertThat(result.detail()).isEqualTo("body does not contain \"</html>\" (only the first 64 bytes were read)");
    }

    @Test
    void overTheMaximumResponseTimeIsASlowResponse() {
        MonitorSpec spec = spec().maxResponseTime(Duration.ofSeconds(2)).build();

        CheckResult result = judge(spec, HEALTHY, PhaseTimings.totalOnly(Duration.ofMillis(2001)));

        assertThat(result.verdict()).isEqualTo(new Verdict.Degraded(Cause.SLOW_RESPONSE));
        assertThat(result.verdict().severity()).isEqualTo(Severity.WARNING);
        assertThat(result.verdict().fault()).isEqualTo(Fault.NONE);
        assertThat(result.verdict().outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(result.detail()).isEqualTo("took 2001 ms, over the limit of 2000 ms");
    }

    @Test
    void exactlyAtTheMaximumResponseTimeIsNotSlow() {
        MonitorSpec spec = spec().maxResponseTime(Duration.ofSeconds(2)).build();

        assertThat(judge(spec, HEALTHY, PhaseTimings.totalOnly(Duration.ofSeconds(2))).verdict())
                .isEqualTo(new Verdict.Up());
        assertThat(judge(spec, HEALTHY, PhaseTimings.totalOnly(Duration.ofSeconds(2).plusNanos(1))).verdict())
                .isEqualTo(new Verdict.Degraded(Cause.SLOW_RESPONSE));
    }

    @Test
    void withoutAMaximumResponseTimeNothingIsSlow() {
        assertThat(judge(spec().build(), HEALTHY, PhaseTimings.totalOnly(Duration.ofMinutes(5))).verdict())
                .isEqualTo(new Verdict.Up());
    }

    @Test
    void aCertificateEndingWithinTheWarningWindowIsExpiring() {
        Instant notAfter = NOW.plus(Duration.ofDays(13));
        Response response = TestResponse.status(200).certificateNotAfter(notAfter).build();

        CheckResult result = judge(spec().build(), response);

        assertThat(result.verdict()).isEqualTo(new Verdict.Degraded(Cause.CERTIFICATE_EXPIRING));
        assertThat(result.verdict().severity()).isEqualTo(Severity.WARNING);
        assertThat(result.certificateNotAfter()).contains(notAfter);
        assertThat(result.detail()).isEqualTo("certificate ends 2026-11-19T08:00:00Z");
    }

    @Test
    void aCertificateEndingAtOrAfterTheWindowsEdgeIsFine() {
        Response atTheEdge = TestResponse.status(200).certificateNotAfter(NOW.plus(Duration.ofDays(14))).build();
        Response later = TestResponse.status(200).certificateNotAfter(NOW.plus(Duration.ofDays(90))).build();

        assertThat(judge(spec().build(), atTheEdge).verdict()).isEqualTo(new Verdict.Up());
        assertThat(judge(spec().build(), later).verdict()).isEqualTo(new Verdict.Up());
    }

    @Test
    void theWarningWindowIsTheMonitors() {
        Response inAMonth = TestResponse.status(200).certificateNotAfter(NOW.plus(Duration.ofDays(30))).build();

        assertThat(judge(spec().certificateWarning(Duration.ofDays(31)).build(), inAMonth).verdict())
                .isEqualTo(new Verdict.Degraded(Cause.CERTIFICATE_EXPIRING));
    }

    @Test
    void slowOutranksAnExpiringCertificate() {
        MonitorSpec spec = spec().maxResponseTime(Duration.ofMillis(500)).build();
        Response expiring = TestResponse.status(200).certificateNotAfter(NOW.plus(Duration.ofDays(1))).build();

        assertThat(judge(spec, expiring, PhaseTimings.totalOnly(Duration.ofSeconds(1))).verdict())
                .isEqualTo(new Verdict.Degraded(Cause.SLOW_RESPONSE));
    }

    @Test
    void aFailedAssertionOutranksBeingSlow() {
        MonitorSpec spec = spec().maxResponseTime(Duration.ofMillis(500)).assertion(new Assertion.BodyContains("healthy")).build();

        assertThat(judge(spec, HEALTHY, PhaseTimings.totalOnly(Duration.ofSeconds(1))).verdict())
                .isEqualTo(new Verdict.Down(Cause.BODY_MISMATCH));
    }

    @Test
    void anUnexpectedStatusOutranksBeingSlow() {
        MonitorSpec spec = spec().maxResponseTime(Duration.ofMillis(500)).build();

        assertThat(judge(spec, TestResponse.status(502).build(), PhaseTimings.totalOnly(Duration.ofSeconds(1))).verdict())
                .isEqualTo(new Verdict.Down(Cause.BAD_GATEWAY));
    }

    @Test
    void retryAfterIsRecordedOnlyFor429And503() {
        for (int code = 100; code <= 599; code++) {
            Response response = TestResponse.status(code).header("Retry-After", "120").build();

            Optional<Duration> expected = code == 429 || code == 503 ? Optional.of(Duration.ofSeconds(120)) : Optional.empty();
            assertThat(judge(spec().build(), response).retryAfter()).as("HTTP %d", code).isEqualTo(expected);
        }
    }

    @Test
    void retryAfterAsADateCountsFromTheEndOfTheCheck() {
        Response response = TestResponse.status(503).header("retry-after", "Fri, 06 Nov 2026 08:05:00 GMT").build();

        assertThat(judge(spec().build(), response).retryAfter()).contains(Duration.ofMinutes(5));
    }

    @Test
    void anUnreadableRetryAfterIsLeftOut() {
        Response response = TestResponse.status(429).header("Retry-After", "soon").build();

        assertThat(judge(spec().build(), response).retryAfter()).isEmpty();
    }

    @Test
    void theResultKeepsOnlyTheSelectedHeadersUnderTheirUsualNames() {
        Response response = TestResponse.status(200)
                .header("x-cache", "HIT from edge")
                .header("AGE", "42")
                .header("Server", "cloudflare")
                .header("Set-Cookie", "session=secret")
                .header("Content-Type", "text/html")
                .build();

        assertThat(judge(spec().build(), response).headers())
                .isEqualTo(Map.of("X-Cache", "HIT from edge", "Age", "42", "Server", "cloudflare"));
    }

    @Test
    void theResultCarriesTheFactsOfTheCheck() {
        Instant started = NOW.minusMillis(120);
        Response response = TestResponse.status(200).body("hello").build();

        CheckResult result = new CheckJudge(TestResponse.NO_JSON)
                .judge(spec().build().name(), spec().build(), "eu-west", started, new ProbeOutcome.Answered(response), FAST, NOW);

        assertThat(result.monitor()).isEqualTo("api");
        assertThat(result.region()).isEqualTo("eu-west");
        assertThat(result.url()).isEqualTo(URL);
        assertThat(result.startedAt()).isEqualTo(started);
        assertThat(result.timings()).isEqualTo(FAST);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.hasStatus()).isTrue();
        assertThat(result.bodyBytes()).isEqualTo(5);
        assertThat(result.bodyDigest()).isEqualTo("d1g3st");
    }

    @Test
    void aFailedProbeIsDownWithItsCauseAndNoStatus() {
        CheckResult result = new CheckJudge(TestResponse.NO_JSON).judge(spec().build().name(), spec().build(), "local", NOW,
                new ProbeOutcome.Failed(Cause.DNS_FAILURE, "api.example.com: Name or service not known"), FAST, NOW);

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.DNS_FAILURE));
        assertThat(result.verdict().fault()).isEqualTo(Fault.NETWORK);
        assertThat(result.status()).isZero();
        assertThat(result.hasStatus()).isFalse();
        assertThat(result.headers()).isEmpty();
        assertThat(result.bodyBytes()).isZero();
        assertThat(result.bodyDigest()).isEmpty();
        assertThat(result.failedAssertions()).isEmpty();
        assertThat(result.retryAfter()).isEmpty();
        assertThat(result.detail()).isEqualTo("api.example.com: Name or service not known");
    }
}
