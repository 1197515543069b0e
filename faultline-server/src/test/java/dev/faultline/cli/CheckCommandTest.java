package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.json.Json;
import dev.faultline.testing.ClosedPort;
import dev.faultline.testing.HostileServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code faultline check}: the exit status, the JSON contract and the one-line usage errors. */
class CheckCommandTest {

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anUpTargetExitsZeroAndLeadsWithTheVerdict() {
        try (HostileServer server = HostileServer.status(200, Map.of(), "ok")) {
            Run run = run("check", server.url("/").toString(), "--body-contains", "ok");

            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("UP  ok");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void aDownTargetExitsOneWithWhoseFaultAndTheNextStep() {
        try (HostileServer server = HostileServer.status(503, Map.of("Retry-After", "30"), "busy")) {
            Run run = run("check", server.url("/").toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).startsWith("DOWN  service_unavailable · fault: server · severity: critical")
                    .contains("Next step:   Check the service's load and capacity")
                    .contains("back in 30 s")
                    .contains("Retry-After: 30 s");
        }
    }

    @Test
    void jsonOutputCarriesTheContractFields() throws Exception {
        try (HostileServer server = HostileServer.status(404, Map.of(), "nope")) {
            Run run = run("check", server.url("/gone").toString(), "--format", "json");
            JsonNode json = run.json();

            assertThat(run.exit()).isEqualTo(1);
            assertThat(json.get("url").asText()).isEqualTo(server.url("/gone").toString());
            assertThat(json.get("outcome").asText()).isEqualTo("down");
            assertThat(json.get("fault").asText()).isEqualTo("client");
            assertThat(json.get("cause").asText()).isEqualTo("not_found");
            assertThat(json.get("status").asInt()).isEqualTo(404);
            assertThat(json.get("severity").asText()).isEqualTo("warning");
            assertThat(json.at("/diagnosis/summary").asText()).contains("HTTP 404");
            assertThat(json.at("/diagnosis/next_step").asText()).contains("URL moved");
            assertThat(json.get("retry_after_seconds").isNull()).isTrue();
            assertThat(json.at("/timings_ms/connect").isNumber()).isTrue();
            assertThat(json.at("/timings_ms/tls").isNull()).isTrue();
            assertThat(json.at("/timings_ms/total").isNumber()).isTrue();
            assertThat(json.get("failed_assertions").isArray()).isTrue();
        }
    }

    @Test
    void anExpectedRefusalIsUp() throws Exception {
        try (HostileServer server = HostileServer.status(401, Map.of(), "who are you")) {
            Run run = run("check", server.url("/admin").toString(), "--expect", "200-299,401", "--format", "json");

            assertThat(run.exit()).isZero();
            assertThat(run.json().get("outcome").asText()).isEqualTo("up");
            assertThat(run.json().get("severity").asText()).isEqualTo("none");
        }
    }

    @Test
    void everyOptionReachesTheRequest() throws Exception {
        try (HostileServer server = HostileServer.status(200, Map.of("Content-Type", "application/json"), "{\"state\":\"ok\"}")) {
            Run run = run("check", server.url("/api").toString(), "--method", "put", "--header", "X-A: 1",
                    "--data", "{}", "--json-path", "$.state=ok", "--body-regex", "st.te", "--body-not-contains", "error",
                    "--timeout", "3s", "--max-response-time", "2s", "--no-follow-redirects", "--format", "json");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(server.lastRequest().orElseThrow().method()).isEqualTo("PUT");
            assertThat(server.lastRequestHeaders()).containsEntry("X-A", "1");
        }
    }

    @Test
    void aFailedAssertionIsAContentFault() throws Exception {
        try (HostileServer server = HostileServer.status(200, Map.of(), "maintenance in progress")) {
            Run run = run("check", server.url("/").toString(), "--body-not-contains", "maintenance", "--format", "json");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.json().get("fault").asText()).isEqualTo("content");
            assertThat(run.json().at("/failed_assertions/0/message").asText()).isEqualTo("body contains \"maintenance\"");
        }
    }

    @Test
    void aClosedPortExitsOne() {
        Run run = run("check", ClosedPort.pick().url("/").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("DOWN  connection_refused");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "check ftp://example.com/       | invalid URL 'ftp://example.com/': the scheme must be http or https, not 'ftp'",
            "check http://[broken           | invalid URL 'http://[broken'",
            "check http://x/ --expect 2000  | invalid status set '2000': '2000' is not a three-digit status code",
            "check http://x/ --timeout soon | invalid duration 'soon'",
            "check http://x/ --bogus        | Unknown option: '--bogus'",
            "check http://x/ --format xml   | Invalid value for option '--format'",
            "check                          | Missing required parameter: 'URL'",
            "check http://x/ --header nocolon | invalid header 'nocolon': expected 'Name: value'",
            "check http://x/ --body-regex ( | invalid regular expression for body_regex",
            "check http://x/ --json-path nope | invalid json_path 'nope'",
    })
    void badInputExitsTwoWithOneLineNamingTheProblem(String args, String message) {
        Run run = run(args.strip().split(" +"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("faultline: ").contains(message).contains("faultline check --help");
    }
}
