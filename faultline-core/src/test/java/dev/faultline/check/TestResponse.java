package dev.faultline.check;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Response} a probe would hand over, and judges it, with fixed instants. */
final class TestResponse {

    /** The instant every check in these tests ends at (a Friday). */
    static final Instant NOW = Instant.parse("2026-11-06T08:00:00Z");
    static final URI URL = URI.create("https://api.example.com/health");
    static final PhaseTimings FAST = PhaseTimings.totalOnly(Duration.ofMillis(120));

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String body = "";
    private boolean truncated;
    private Optional<Instant> certificateNotAfter = Optional.empty();

    private TestResponse(int status) {
        this.status = status;
    }

    static TestResponse status(int status) {
        return new TestResponse(status);
    }

    TestResponse header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    TestResponse body(String body) {
        this.body = body;
        return this;
    }

    /** The body went on past the cap; only {@link #body(String)} was read. */
    TestResponse truncated() {
        this.truncated = true;
        return this;
    }

    TestResponse certificateNotAfter(Instant notAfter) {
        this.certificateNotAfter = Optional.of(notAfter);
        return this;
    }

    Response build() {
        return new Response(status, new ResponseHeaders(headers), body,
                body.getBytes(StandardCharsets.UTF_8).length, truncated, "d1g3st", List.of(), certificateNotAfter);
    }

    static MonitorSpec.Builder spec() {
        return MonitorSpec.builder(URL).name("api");
    }

    /** A JSON reader over fixed path → value pairs: the core has no JSON parser of its own. */
    static JsonValueReader json(Map<String, String> values) {
        return (body, path) -> Optional.ofNullable(values.get(path));
    }

    static final JsonValueReader NO_JSON = (body, path) -> Optional.empty();

    static CheckResult judge(MonitorSpec spec, Response response) {
        return judge(spec, response, FAST);
    }

    static CheckResult judge(MonitorSpec spec, Response response, PhaseTimings timings) {
        return new CheckJudge(NO_JSON).judge(spec.name(), spec, "local", NOW.minus(timings.total()),
                new ProbeOutcome.Answered(response), timings, NOW);
    }
}
