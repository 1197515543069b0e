package dev.faultline.check;

import static dev.faultline.check.TestResponse.judge;
import static dev.faultline.check.TestResponse.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every status code from 100 to 599 through the judge and the diagnosis, with the default 2xx expectation. */
class StatusJudgementTest {

    /** DESIGN.md §7, as ranges of codes: each row covers its codes inclusively. */
    record Row(int from, int to, Cause cause, Fault fault, Severity severity, Outcome outcome) {
    }

    static final List<Row> TABLE = List.of(
            new Row(100, 199, Cause.UNEXPECTED_STATUS, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(200, 299, Cause.OK, Fault.NONE, Severity.NONE, Outcome.UP),
            new Row(300, 399, Cause.UNEXPECTED_STATUS, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(400, 400, Cause.OTHER_4XX, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(401, 401, Cause.UNAUTHORIZED, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(402, 402, Cause.OTHER_4XX, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(403, 403, Cause.FORBIDDEN, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(404, 404, Cause.NOT_FOUND, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(405, 428, Cause.OTHER_4XX, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(429, 429, Cause.RATE_LIMITED, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(430, 499, Cause.OTHER_4XX, Fault.CLIENT, Severity.WARNING, Outcome.DOWN),
            new Row(500, 500, Cause.INTERNAL_SERVER_ERROR, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(501, 501, Cause.OTHER_5XX, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(502, 502, Cause.BAD_GATEWAY, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(503, 503, Cause.SERVICE_UNAVAILABLE, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(504, 504, Cause.GATEWAY_TIMEOUT, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN),
            new Row(505, 599, Cause.OTHER_5XX, Fault.SERVER, Severity.CRITICAL, Outcome.DOWN));

    static Stream<Arguments> everyStatusCode() {
        return TABLE.stream().flatMap(row -> IntStream.rangeClosed(row.from(), row.to())
                .mapToObj(code -> Arguments.of(code, row.cause(), row.fault(), row.severity(), row.outcome())));
    }

    @Test
    void theTableCoversEveryCodeFrom100To599Once() {
        assertThat(everyStatusCode().map(args -> (Integer) args.get()[0]))
                .containsExactlyElementsOf(IntStream.rangeClosed(100, 599).boxed().toList());
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @MethodSource("everyStatusCode")
    void theJudgeGivesEachStatusTheCauseFaultAndSeverityOfTheContract(int code, Cause cause, Fault fault,
                                                                      Severity severity, Outcome outcome) {
        CheckResult result = judge(spec().build(), TestResponse.status(code).build());

        assertThat(result.status()).isEqualTo(code);
        assertThat(result.verdict().cause()).isEqualTo(cause);
        assertThat(result.verdict().fault()).isEqualTo(fault);
        assertThat(result.verdict().severity()).isEqualTo(severity);
        assertThat(result.verdict().outcome()).isEqualTo(outcome);
        assertThat(result.detail()).isEqualTo(outcome == Outcome.UP ? ""
                : "expected 2xx");
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @MethodSource("everyStatusCode")
    void theDiagnosisOfEachStatusIsRatedAsTheVerdictAndNamesTheCode(int code, Cause cause, Fault fault,
                                                                    Severity severity, Outcome outcome) {
        Diagnosis diagnosis = Diagnosis.of(judge(spec().build(), TestResponse.status(code).build()));

        assertThat(diagnosis.severity()).isEqualTo(severity);
        assertThat(diagnosis.fault()).isEqualTo(fault);
        assertThat(diagnosis.summary()).isNotBlank().contains("HTTP " + code);
        assertThat(diagnosis.nextStep()).isNotBlank();
        assertThat(diagnosis.whose()).isNotBlank();
        if (outcome == Outcome.DOWN) {
            assertThat(diagnosis.likelyCauses()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504, 507, 401, 403, 404, 429, 418, 301})
    void eachFailingStatusHasItsOwnStepAndTheSameStepAsItsCause(int code) {
        Diagnosis diagnosis = Diagnosis.of(judge(spec().build(), TestResponse.status(code).build()));

        assertThat(diagnosis.nextStep())
                .isEqualTo(Advice.of(Cause.ofUnexpectedStatus(code)).nextStep());
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "500 | Down: the application failed while handling the request (HTTP 500 Internal Server Error): expected 2xx",
            "502 | Down: the proxy in front could not get a valid answer from the application (HTTP 502 Bad Gateway): expected 2xx",
            "418 | Refused: the server rejected the monitor's request (HTTP 418): expected 2xx",
            "302 | Down: the server answered with a status the monitor does not expect (HTTP 302 Found): expected 2xx",
            "200 | Up: the answer met every expectation (HTTP 200 OK)",
    })
    void theSummaryIsTheHeadlineTheCodeWithItsReasonAndTheDetail(int code, String summary) {
        assertThat(Diagnosis.of(judge(spec().build(), TestResponse.status(code).build())).summary()).isEqualTo(summary);
    }

    @ParameterizedTest(name = "HTTP {0} with expect {1}")
    @CsvSource(delimiter = '|', value = {
            "401 | 401",
            "401 | '200-299,401'",
            "200 | '200-299,401'",
            "503 | 5xx",
            "302 | 3xx",
            "101 | 101",
            "404 | '2xx, 404'",
    })
    void aCodeInTheExpectedSetIsUp(int code, String expect) {
        CheckResult result = judge(spec().expect(StatusSet.parse(expect)).build(), TestResponse.status(code).build());

        assertThat(result.verdict()).isEqualTo(new Verdict.Up());
        assertThat(Diagnosis.of(result).severity()).isEqualTo(Severity.NONE);
        assertThat(Diagnosis.of(result).nextStep()).isEqualTo("Nothing to do.");
    }

    @ParameterizedTest(name = "HTTP {0} with expect {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "403 | '200-299,401' | forbidden",
            "200 | 401          | unexpected_status",
            "204 | 200          | unexpected_status",
            "301 | 2xx          | unexpected_status",
            "500 | 4xx          | internal_server_error",
    })
    void aCodeOutsideAnExplicitSetKeepsItsOwnCause(int code, String expect, String cause) {
        CheckResult result = judge(spec().expect(StatusSet.parse(expect)).build(), TestResponse.status(code).build());

        assertThat(result.verdict().cause().id()).isEqualTo(cause);
        assertThat(result.detail())
                .isEqualTo("expected " + StatusSet.parse(expect));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {600, 999, 42, 99, 1000, -1})
    void aCodeOutsideTheHttpRangeIsAProtocolError(int code) {
        MonitorSpec everything = spec().expect(StatusSet.parse("1xx,2xx,3xx,4xx,5xx")).build();
        CheckResult result = judge(everything, TestResponse.status(code).header("Retry-After", "30").build());

        assertThat(result.verdict()).isEqualTo(new Verdict.Down(Cause.PROTOCOL_ERROR));
        assertThat(result.verdict().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(result.detail()).isEqualTo("status code " + code + " is outside the HTTP range 100-599");
        assertThat(result.retryAfter()).isEmpty();
        assertThat(Diagnosis.of(result).summary())
                .isEqualTo("Down: the server did not speak valid HTTP (HTTP " + code + "): " + result.detail());
    }
}
