package dev.faultline.incidents;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Monitors and check results for the incident service's tests. */
final class Checks {

    private Checks() {
    }

    static Monitor monitor(String id, String... tags) {
        return new Monitor(id, MonitorSpec.builder(URI.create("https://" + id + ".example.com/")).name(id).build(),
                List.of("local"), List.of(), List.of(tags), Monitor.Source.CONFIG);
    }

    /** A check answered with this status (0: the connection was refused). */
    static CheckResult result(String monitorId, Instant at, int status) {
        Cause cause = status == 0 ? Cause.CONNECTION_REFUSED : status < 400 ? Cause.OK : Cause.ofUnexpectedStatus(status);
        return new CheckResult(monitorId, "local", URI.create("https://" + monitorId + ".example.com/"), at,
                PhaseTimings.totalOnly(Duration.ofMillis(3)), status, Map.of(), 2, "", List.of(), Verdict.of(cause),
                Optional.empty(), Optional.empty(), status == 0 ? "connection refused" : "");
    }
}
