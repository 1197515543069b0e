package dev.faultline.schedule;

import static dev.faultline.schedule.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.check.CheckJudge;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.json.Json;
import dev.faultline.monitor.Monitor;
import dev.faultline.probe.HttpProber;
import dev.faultline.probe.JacksonJsonValueReader;
import dev.faultline.probe.ProbeClients;
import dev.faultline.testing.HostileServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The scheduler on the real clock, checking local HTTP servers with the real prober. */
class SchedulerRealServerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void checksRealServersOncePerSecondAndEveryCheckReachesItsServer() {
        try (HostileServer shared = HostileServer.status(200, Map.of(), "ok");
             HostileServer alone = HostileServer.status(200, Map.of(), "ok")) {
            List<Monitor> monitors = List.of(
                    monitor("shared-one", shared.url("/one"), SECOND),
                    monitor("shared-two", shared.url("/two"), SECOND),
                    monitor("alone", alone.url("/"), SECOND));
            HttpProber prober = new HttpProber(ProbeClients.create(false),
                    new CheckJudge(new JacksonJsonValueReader(Json.mapper())), Clock.systemUTC(), "faultline-test");
            List<CheckResult> results = new CopyOnWriteArrayList<>();
            Scheduler scheduler = new Scheduler(Clock.systemUTC(), (monitor, region) -> prober.check(monitor.id(), monitor.spec(), region),
                    results::add, SchedulerLimits.DEFAULTS);
            try (scheduler) {
                scheduler.replaceAll(monitors);
                scheduler.start();
                await().atMost(Duration.ofSeconds(8)).until(() -> monitors.stream().allMatch(m -> startsOf(results, m).size() >= 4));
            }

            assertThat(results).allSatisfy(result -> assertThat(result.verdict()).isEqualTo(new Verdict.Up()));
            assertThat(shared.hits()).isEqualTo(startsOf(results, monitors.get(0)).size() + startsOf(results, monitors.get(1)).size());
            assertThat(alone.hits()).isEqualTo(startsOf(results, monitors.get(2)).size());
            // On a shared machine the real clock is not exact: the timing itself is tested on fake time.
            // Here: no check runs twice for one due time, and checks start close to their due times.
            for (Monitor monitor : monitors) {
                List<Instant> starts = startsOf(results, monitor);
                for (int k = 1; k < starts.size(); k++) {
                    assertThat(Duration.between(starts.get(k - 1), starts.get(k))).isGreaterThan(Duration.ofMillis(500));
                }
            }
            ScheduleLag.Snapshot lag = scheduler.stats().lag();
            assertThat(lag.count()).isEqualTo(results.size());
            assertThat(lag.p50()).isLessThan(Duration.ofMillis(100));
        }
    }

    private static List<Instant> startsOf(List<CheckResult> results, Monitor monitor) {
        return results.stream().filter(result -> result.monitor().equals(monitor.id())).map(CheckResult::startedAt).toList();
    }
}
