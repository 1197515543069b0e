package dev.faultline.check;

import static dev.faultline.check.TestResponse.NO_JSON;
import static dev.faultline.check.TestResponse.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each assertion kind on its own: passing, failing with its message, and rejected when malformed. */
class AssertionTest {

    private static final Response HEALTHY = TestResponse.status(200)
            .header("Content-Type", "application/json")
            .header("Server", "nginx/1.27")
            .body("{\"status\":\"ok\",\"version\":\"4.2\"}")
            .build();
    private static final JsonValueReader HEALTHY_JSON = json(Map.of("$.status", "ok", "$.version", "4.2"));

    @Test
    void bodyContainsPassesWhenTheTextIsThereAndSaysWhatIsMissingOtherwise() {
        assertThat(new Assertion.BodyContains("\"ok\"").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(new Assertion.BodyContains("healthy").failure(HEALTHY, NO_JSON))
                .contains("body does not contain \"healthy\"");
    }

    @Test
    void bodyContainsIsCaseSensitive() {
        assertThat(new Assertion.BodyContains("OK").failure(HEALTHY, NO_JSON)).isPresent();
    }

    @Test
    void bodyNotContainsFailsWhenTheTextIsThere() {
        assertThat(new Assertion.BodyNotContains("error").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(new Assertion.BodyNotContains("version").failure(HEALTHY, NO_JSON))
                .contains("body contains \"version\"");
    }

    @Test
    void bodyMatchesLooksForTheExpressionAnywhereInTheBody() {
        assertThat(Assertion.BodyMatches.parse("\"version\":\"4\\.\\d+\"").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(Assertion.BodyMatches.parse("^\\{").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(Assertion.BodyMatches.parse("\"status\":\"(up|green)\"").failure(HEALTHY, NO_JSON))
                .contains("body does not match /\"status\":\"(up|green)\"/");
    }

    @Test
    void jsonPathEqualsComparesTheValueAsText() {
        assertThat(new Assertion.JsonPathEquals("$.status", "ok").failure(HEALTHY, HEALTHY_JSON)).isEmpty();
        assertThat(new Assertion.JsonPathEquals("$.version", "4.2").failure(HEALTHY, HEALTHY_JSON)).isEmpty();
        assertThat(new Assertion.JsonPathEquals("$.status", "OK").failure(HEALTHY, HEALTHY_JSON))
                .contains("$.status is \"ok\", expected \"OK\"");
    }

    @Test
    void jsonPathEqualsSaysWhenThereIsNoValueAtThePath() {
        assertThat(new Assertion.JsonPathEquals("$.checks[0].state", "up").failure(HEALTHY, HEALTHY_JSON))
                .contains("no JSON value at $.checks[0].state");
    }

    @Test
    void jsonPathEqualsAsksTheReaderForItsPathInTheResponseBody() {
        StringBuilder asked = new StringBuilder();
        JsonValueReader recording = (body, path) -> {
            asked.append(body).append(" @ ").append(path);
            return Optional.of("ok");
        };

        assertThat(new Assertion.JsonPathEquals("$.status", "ok").failure(HEALTHY, recording)).isEmpty();
        assertThat(asked).hasToString(HEALTHY.body() + " @ $.status");
    }

    @Test
    void headerEqualsFindsTheHeaderWhateverTheCaseOfItsName() {
        assertThat(new Assertion.HeaderEquals("content-type", "application/json").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(new Assertion.HeaderEquals("CONTENT-TYPE", "application/json").failure(HEALTHY, NO_JSON)).isEmpty();
    }

    @Test
    void headerEqualsSaysWhatTheValueWasOrThatTheHeaderIsMissing() {
        assertThat(new Assertion.HeaderEquals("Content-Type", "text/html").failure(HEALTHY, NO_JSON))
                .contains("header Content-Type is \"application/json\", expected \"text/html\"");
        assertThat(new Assertion.HeaderEquals("X-Version", "4.2").failure(HEALTHY, NO_JSON))
                .contains("header X-Version is missing");
    }

    @Test
    void headerEqualsComparesTheValueExactly() {
        assertThat(new Assertion.HeaderEquals("Server", "NGINX/1.27").failure(HEALTHY, NO_JSON)).isPresent();
        assertThat(new Assertion.HeaderEquals("Server", "nginx").failure(HEALTHY, NO_JSON)).isPresent();
    }

    @Test
    void headerMatchesLooksForTheExpressionInTheValue() {
        assertThat(Assertion.HeaderMatches.parse("server", "nginx/1\\.\\d+").failure(HEALTHY, NO_JSON)).isEmpty();
        assertThat(Assertion.HeaderMatches.parse("Server", "^caddy").failure(HEALTHY, NO_JSON))
                .contains("header Server is \"nginx/1.27\", not matching /^caddy/");
        assertThat(Assertion.HeaderMatches.parse("X-Cache", "HIT").failure(HEALTHY, NO_JSON))
                .contains("header X-Cache is missing");
    }

    @Test
    void headerAssertionsReadTheFirstValueOfARepeatedHeader() {
        Response twice = TestResponse.status(200).header("Via", "1.1 edge").header("via", "1.1 origin").build();

        assertThat(new Assertion.HeaderEquals("Via", "1.1 edge").failure(twice, NO_JSON)).isEmpty();
        assertThat(new Assertion.HeaderEquals("Via", "1.1 origin").failure(twice, NO_JSON)).isPresent();
    }

    @Test
    void bodyAssertionsFailAsBodyMismatchAndHeaderAssertionsAsHeaderMismatch() {
        assertThat(new Assertion.BodyContains("x").cause()).isEqualTo(Cause.BODY_MISMATCH);
        assertThat(new Assertion.BodyNotContains("x").cause()).isEqualTo(Cause.BODY_MISMATCH);
        assertThat(Assertion.BodyMatches.parse("x").cause()).isEqualTo(Cause.BODY_MISMATCH);
        assertThat(new Assertion.JsonPathEquals("$.x", "y").cause()).isEqualTo(Cause.BODY_MISMATCH);
        assertThat(new Assertion.HeaderEquals("X", "y").cause()).isEqualTo(Cause.HEADER_MISMATCH);
        assertThat(Assertion.HeaderMatches.parse("X", "y").cause()).isEqualTo(Cause.HEADER_MISMATCH);
    }

    @Test
    void aFailureOnATruncatedBodySaysOnlyPartOfItWasRead() {
        Response truncated = TestResponse.status(200).body("{\"status\":").truncated().build();

        assertThat(new Assertion.BodyContains("ok").failure(truncated, NO_JSON))
                .contains("body does not contain \"ok\" (only the first 10 bytes were read)");
        assertThat(Assertion.BodyMatches.parse("ok").failure(truncated, NO_JSON))
                .contains("body does not match /ok/ (only the first 10 bytes were read)");
        assertThat(new Assertion.JsonPathEquals("$.status", "ok").failure(truncated, NO_JSON))
                .contains("no JSON value at $.status (only the first 10 bytes were read)");
    }

    @Test
    void aFailureOnACompleteBodyHasNoTruncationNote() {
        Response complete = TestResponse.status(200).body("{\"status\":").build();

        assertThat(new Assertion.BodyContains("ok").failure(complete, NO_JSON)).contains("body does not contain \"ok\"");
    }

    @Test
    void aBadBodyRegexIsRejectedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> Assertion.BodyMatches.parse("status: (ok"))
                .withMessageStartingWith("invalid regular expression for body_regex: Unclosed group")
                .withMessageEndingWith(" of 'status: (ok'");
    }

    @Test
    void aBadHeaderRegexIsRejectedNamingTheHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> Assertion.HeaderMatches.parse("X-Cache", "[HIT"))
                .withMessage("invalid regular expression for header X-Cache: Unclosed character class near index 3 of '[HIT'");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "body_contains     | body_contains needs a non-empty value",
            "body_not_contains | body_not_contains needs a non-empty value",
            "body_regex        | body_regex needs a non-empty value",
            "json_path         | json_path needs a non-empty value",
            "header_equals     | header name needs a non-empty value",
            "header_matches    | header name needs a non-empty value",
    })
    void anEmptyValueIsRejectedNamingTheField(String kind, String message) {
        Runnable build = switch (kind) {
            case "body_contains" -> () -> new Assertion.BodyContains("");
            case "body_not_contains" -> () -> new Assertion.BodyNotContains("");
            case "body_regex" -> () -> Assertion.BodyMatches.parse("");
            case "json_path" -> () -> new Assertion.JsonPathEquals("", "ok");
            case "header_equals" -> () -> new Assertion.HeaderEquals("", "x");
            case "header_matches" -> () -> Assertion.HeaderMatches.parse("", "x");
            default -> throw new IllegalStateException(kind);
        };
        assertThatIllegalArgumentException().isThrownBy(build::run).withMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "$.status=ok         | $.status          | ok",
            "' $.status = ok '   | $.status          | ok",
            "$.checks[0].state=up | $.checks[0].state | up",
            "$.expr=a=b          | $.expr            | a=b",
            "$.empty=            | $.empty           | ''",
    })
    void jsonPathParsesExpressionEqualsValue(String text, String path, String expected) {
        assertThat(Assertion.JsonPathEquals.parse(text)).isEqualTo(new Assertion.JsonPathEquals(path, expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "status       | invalid json_path 'status': expected EXPR=VALUE, e.g. $.status=ok",
            "=ok          | invalid json_path '=ok': expected EXPR=VALUE, e.g. $.status=ok",
            "status=ok    | invalid json_path 'status': a path starts with $, e.g. $.status",
            "\" =ok\"     | json_path needs a non-empty value",
    })
    void jsonPathRejectsMalformedTextWithTheReason(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Assertion.JsonPathEquals.parse(text)).withMessage(message);
    }

    @Test
    void regexAssertionsAreEqualWhenTheirExpressionsAre() {
        assertThat(Assertion.BodyMatches.parse("ok|up")).isEqualTo(Assertion.BodyMatches.parse("ok|up"))
                .hasSameHashCodeAs(Assertion.BodyMatches.parse("ok|up"))
                .isNotEqualTo(Assertion.BodyMatches.parse("up|ok"));
        assertThat(Assertion.HeaderMatches.parse("X-Cache", "HIT")).isEqualTo(Assertion.HeaderMatches.parse("x-cache", "HIT"))
                .hasSameHashCodeAs(Assertion.HeaderMatches.parse("x-cache", "HIT"))
                .isNotEqualTo(Assertion.HeaderMatches.parse("X-Cache", "MISS"))
                .isNotEqualTo(Assertion.HeaderMatches.parse("Age", "HIT"));
    }
}
