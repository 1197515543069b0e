package dev.faultline.schedule;

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

/** Monitors and results for scheduler tests. */
final class TestMonitors {

    /** A whole minute, so that offsets read as seconds past it. */
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private TestMonitors() {
    }

    static Monitor monitor(String id, Duration interval) {
        return monitor(id, URI.create("http://" + id + ".example:8080/health"), interval);
    }

    static Monitor monitor(String id, URI url, Duration interval) {
        return inRegions(id, url, interval, List.of("local"));
    }

    static Monitor inRegions(String id, URI url, Duration interval, List<String> regions) {
        MonitorSpec spec = MonitorSpec.builder(url).name(id).interval(interval).build();
        return new Monitor(id, spec, regions, List.of(), List.of(), Monitor.Source.CONFIG);
    }

    /** The first time the monitor falls due at or after {@code time}. */
    static Instant firstDue(Monitor monitor, Instant time) {
        return Cadence.of(monitor.id(), monitor.spec().interval()).firstDueAtOrAfter(time);
    }

    static CheckResult up(Monitor monitor, String region, Instant startedAt) {
        return new CheckResult(monitor.id(), region, monitor.spec().url(), startedAt, PhaseTimings.totalOnly(Duration.ZERO),
                200, Map.of(), 0, "", List.of(), new Verdict.Up(), Optional.empty(), Optional.empty(), "");
    }
}
