package dev.faultline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.FaultlineVersion;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.Monitor;
import dev.faultline.schedule.Cadence;
import dev.faultline.testing.ClosedPort;
import dev.faultline.testing.HostileServer;
import dev.faultline.testing.RegionalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent restarted while its server is down goes on checking what it was last assigned, on its
 * own turn of each interval, and keeps every result.
 */
class ProbeAgentTest {

    @TempDir
    Path dir;

    @Test
    void withTheServerDownItChecksTheSavedAssignmentAndKeepsTheResults() throws Exception {
        try (HostileServer target = HostileServer.status(200, Map.of(), "ok"); ClosedPort server = ClosedPort.pick()) {
            MonitorJson monitor = new MonitorJson("api", "api", target.url("/").toString(), null, null, null, "1s", "1s", null,
                    null, null, null, null, null, null, List.of("eu"), null, null, null);
            Files.write(dir.resolve("assignment.json"), Json.mapper().writeValueAsBytes(new Assignment(7, List.of(monitor), List.of(),
                    List.of())));
            AgentSettings settings = new AgentSettings(server.url("/"), "eu", "token", dir, 1 << 20, Duration.ofMillis(200));

            long waiting;
            try (ProbeAgent agent = ProbeAgent.start(settings, Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> target.hits() >= 3);
                assertThat(target.lastRequestHeaders().get("User-Agent")).isEqualTo(FaultlineVersion.userAgent("eu"));
                await().atMost(Duration.ofSeconds(5)).until(() -> agent.waiting() >= 3);
                waiting = agent.waiting();
            }

            // Closed, its results are still on disk for the next run to send.
            try (ResultBuffer reopened = ResultBuffer.open(dir, 1 << 20, 500, Json.mapper())) {
                assertThat(reopened.waiting()).isGreaterThanOrEqualTo(waiting);
                assertThat(reopened.results(reopened.oldest().orElseThrow()).getFirst().region()).isEqualTo("eu");
            }
        }
    }

    @Test
    void theSavedAssignmentIsCheckedOnTheAgentsOwnTurnOfTheInterval() throws Exception {
        try (RegionalTarget target = RegionalTarget.start(); ClosedPort server = ClosedPort.pick()) {
            // us is the second of [local, us]: its turn is half the 2 s interval after the monitor's base phase.
            MonitorJson json = new MonitorJson("api", "api", target.url("/api").toString(), null, null, null, "2s", "1s", null,
                    null, null, null, null, null, null, List.of("us", "local"), null, null, null);
            Files.write(dir.resolve("assignment.json"), Json.mapper().writeValueAsBytes(new Assignment(7, List.of(json), List.of(),
                    List.of())));
            Cadence turn = Cadence.inRegion(json.toMonitor(Monitor.Source.API), "us");
            long base = Cadence.of("api", Duration.ofSeconds(2)).offset().toMillis();
            assertThat(Math.floorMod(turn.offset().toMillis() - base, 2_000)).isEqualTo(1_000);

            try (ProbeAgent agent = ProbeAgent.start(new AgentSettings(server.url("/"), "us", "token", dir, 1 << 20,
                    Duration.ofMillis(200)), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> target.hits().size() >= 4);
            }
            // How late each check came after the agent's turn: a check on the base phase would be ~1,000 ms late.
            List<Long> late = target.hits().stream()
                    .map(hit -> Math.floorMod(hit.at().toEpochMilli() - turn.offset().toMillis(), 2_000L)).sorted().toList();
            assertThat(target.hits()).allSatisfy(hit -> assertThat(hit.region()).isEqualTo("us"));
            assertThat(late.get(late.size() / 2)).as("median lateness of %s ms", late).isLessThan(500L);
        }
    }
}
