package dev.faultline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.FaultlineVersion;
import dev.faultline.json.AgentWire.Assignment;
import dev.faultline.json.Json;
import dev.faultline.json.MonitorJson;
import dev.faultline.testing.ClosedPort;
import dev.faultline.testing.HostileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent restarted while its server is down goes on checking what it was last assigned, and keeps every result. */
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
}
