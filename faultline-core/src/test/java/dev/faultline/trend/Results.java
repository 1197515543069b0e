package dev.faultline.trend;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Check results as the judge would give them, with only what the trend side reads set. */
final class Results {

    private final Instant startedAt;
    private Duration took = Duration.ofMillis(200);
    private int status = 200;
    private Verdict verdict = new Verdict.Up();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String digest = "d1";
    private Optional<Duration> retryAfter = Optional.empty();

    private Results(Instant startedAt) {
        this.startedAt = startedAt;
    }

    static Results at(Instant startedAt) {
        return new Results(startedAt);
    }

    /** An answer with this status; the verdict follows the default expectation (2xx is up). */
    Results status(int status) {
        this.status = status;
        this.verdict = status >= 200 && status <= 299 ? new Verdict.Up() : Verdict.of(Cause.ofUnexpectedStatus(status));
        return this;
    }

    /** No HTTP answer: a failure below HTTP. */
    Results failed(Cause cause) {
        this.status = 0;
        this.verdict = Verdict.of(cause);
        this.digest = "";
        return this;
    }

    Results verdict(Verdict verdict) {
        this.verdict = verdict;
        return this;
    }

    Results took(Duration took) {
        this.took = took;
        return this;
    }

    Results header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Results digest(String digest) {
        this.digest = digest;
        return this;
    }

    Results retryAfter(Duration retryAfter) {
        this.retryAfter = Optional.of(retryAfter);
        return this;
    }

    CheckResult build() {
        return new CheckResult("m1", "local", URI.create("https://example.com/"), startedAt, PhaseTimings.totalOnly(took),
                status, headers, 100, digest, List.of(), verdict, retryAfter, Optional.empty(), "");
    }
}
