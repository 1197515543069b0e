package dev.faultline.check;

import static dev.faultline.check.TestResponse.FAST;
import static dev.faultline.check.TestResponse.NOW;
import static dev.faultline.check.TestResponse.judge;
import static dev.faultline.check.TestResponse.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DiagnosisTest {

    private static Diagnosis diagnose(Response response) {
        return Diagnosis.of(judge(spec().build(), response));
    }

    private static Diagnosis diagnoseFailure(Cause cause, String detail) {
        return Diagnosis.of(new CheckJudge(TestResponse.NO_JSON)
                .judge(spec().build().name(), spec().build(), "local", NOW, new ProbeOutcome.Failed(cause, detail), FAST, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void everyCauseHasAHeadlineAndANextStep(Cause cause) {
        Advice advice = Advice.of(cause);

        assertThat(advice.headline()).isNotBlank();
        assertThat(advice.nextStep()).isNotBlank().endsWith(".");
        if (cause != Cause.OK) {
            assertThat(advice.likelyCauses()).isNotEmpty().allSatisfy(likely -> assertThat(likely).isNotBlank());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void theHeadlineOpensWithTheOutcomeInWords(Cause cause) {
        String expected = switch (cause.outcome()) {
            case UP -> "Up: ";
            case DEGRADED -> "Degraded: ";
            case DOWN -> cause.fault() == Fault.CLIENT ? "Refused: " : "Down: ";
        };
        assertThat(Advice.of(cause).headline()).startsWith(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "401 | credentials",
            "403 | allow-list",
            "404 | URL moved",
            "429 | Check less often",
            "500 | logs",
            "502 | application process is running",
            "503 | load",
            "504 | slow queries",
    })
    void theNextStepFollowsTheDecisionTree(int code, String step) {
        assertThat(diagnose(TestResponse.status(code).build()).nextStep()).contains(step);
    }

    @Test
    void aRateLimitedDiagnosisSaysHowLongTheServerAsksToWait() {
        Diagnosis diagnosis = diagnose(TestResponse.status(429).header("Retry-After", "120").build());

        assertThat(diagnosis.nextStep()).isEqualTo("Check less often, and honour Retry-After before the next check."
                + " The server asked for 120 s between requests (Retry-After).");
    }

    @Test
    void anUnavailableDiagnosisSaysWhenTheServerExpectsToBeBack() {
        Diagnosis diagnosis = diagnose(TestResponse.status(503).header("Retry-After", "Fri, 06 Nov 2026 08:10:00 GMT").build());

        assertThat(diagnosis.nextStep()).isEqualTo("Check the service's load and capacity, and whether maintenance was planned."
                + " The server expects to be back in 600 s (Retry-After).");
    }

    @Test
    void withoutRetryAfterTheNextStepIsTheAdviceAlone() {
        assertThat(diagnose(TestResponse.status(429).build()).nextStep())
                .isEqualTo(Advice.of(Cause.RATE_LIMITED).nextStep());
        assertThat(diagnose(TestResponse.status(503).build()).nextStep())
                .isEqualTo(Advice.of(Cause.SERVICE_UNAVAILABLE).nextStep());
    }

    @Test
    void anExpected503WithRetryAfterNeedsNothingDone() {
        CheckResult result = judge(spec().expect(StatusSet.parse("503")).build(),
                TestResponse.status(503).header("Retry-After", "120").build());

        assertThat(Diagnosis.of(result).nextStep()).isEqualTo("Nothing to do.");
    }

    @Test
    void aFailedProbeIsSummarisedWithTheClientsWordsAndNoStatus() {
        Diagnosis diagnosis = diagnoseFailure(Cause.CONNECTION_REFUSED, "Connection refused: 127.0.0.1:8080");

        assertThat(diagnosis.summary())
                .isEqualTo("Down: nothing is listening on the port: Connection refused: 127.0.0.1:8080");
        assertThat(diagnosis.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(diagnosis.fault()).isEqualTo(Fault.SERVER);
        assertThat(diagnosis.nextStep()).isEqualTo(Advice.of(Cause.CONNECTION_REFUSED).nextStep());
    }

    @Test
    void aFailedProbeWithoutDetailIsTheHeadlineAlone() {
        assertThat(diagnoseFailure(Cause.DNS_FAILURE, "").summary()).isEqualTo("Down: the host name does not resolve");
    }

    @Test
    void aSlowResponseIsSummarisedWithItsTiming() {
        CheckResult result = judge(spec().maxResponseTime(Duration.ofSeconds(1)).build(), TestResponse.status(200).build(),
                PhaseTimings.totalOnly(Duration.ofMillis(1500)));

        Diagnosis diagnosis = Diagnosis.of(result);

        assertThat(diagnosis.severity()).isEqualTo(Severity.WARNING);
        assertThat(diagnosis.fault()).isEqualTo(Fault.NONE);
        assertThat(diagnosis.summary()).isEqualTo(
                "Degraded: the answer came, but slower than allowed (HTTP 200 OK): took 1500 ms, over the limit of 1000 ms");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NONE    | nobody: the check passed",
            "SERVER  | the server: it failed its users",
            "CLIENT  | the client side: the server refused the monitor's request and is otherwise healthy",
            "NETWORK | the network path to the server",
            "CONTENT | the server: it answered, but with the wrong content",
    })
    void whoseFaultItIsInWords(Fault fault, String whose) {
        Cause cause = Arrays.stream(Cause.values()).filter(c -> c.fault() == fault).findFirst().orElseThrow();
        CheckResult result = new CheckResult("api", "local", TestResponse.URL, NOW, FAST, 0, Map.of(), 0, "",
                List.of(), Verdict.of(cause), Optional.empty(), Optional.empty(), "");

        assertThat(Diagnosis.of(result).whose()).isEqualTo(whose);
    }
}
