package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.testing.RegionalTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server in this JVM and one probe agent process (region {@code eu}) check a monitor of
 * both regions every 4 s: each on its own turn, about 2 s apart, where they used to check within
 * milliseconds of each other. Neither is told the other's turn; each works it out from the
 * monitor's regions.
 */
class RegionTurnsEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(RegionTurnsEndToEndTest.class);
    private static final long INTERVAL_MILLIS = 4_000;

    @TempDir
    Path dir;

    private AgentProcesses agents;
    private FaultlineServer server;
    private RegionalTarget target;

    @AfterEach
    void stopAll() throws Exception {
        if (agents != null) agents.close();
        if (server != null) server.close();
        if (target != null) target.close();
    }

    @Test
    void theAgentsChecksOfAMonitorLandAboutHalfAnIntervalFromTheServersOwn() throws Exception {
        target = RegionalTarget.start();
        server = FaultlineServer.start(config(), Optional.empty(), Map.of(), Clock.systemUTC());
        agents = new AgentProcesses(dir);
        agents.start("eu", "token-of-eu", server.port());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> hitsFrom("local").size() >= 6 && hitsFrom("eu").size() >= 5);

        List<Instant> local = hitsFrom("local");
        List<Long> gaps = hitsFrom("eu").stream()
                .filter(eu -> eu.isAfter(local.getFirst()) && eu.isBefore(local.getLast()))
                .map(eu -> local.stream().mapToLong(l -> Math.abs(Duration.between(l, eu).toMillis())).min().orElseThrow())
                .sorted().toList();
        log.info("each eu check's distance to the nearest local check, ms: {}", gaps);
        assertThat(gaps).isNotEmpty();
        // Half the interval apart, give or take a busy machine's lag; on one shared phase they were a few ms apart.
        assertThat(gaps.get(gaps.size() / 2)).as("median of %s ms", gaps).isBetween(INTERVAL_MILLIS / 4, INTERVAL_MILLIS / 2 + 250);
    }

    private List<Instant> hitsFrom(String region) {
        return target.hits().stream().filter(hit -> hit.region().equals(region)).map(RegionalTarget.Hit::at).sorted().toList();
    }

    private FaultlineConfig config() {
        String yaml = """
                server: { port: 0, api_tokens: [{ name: test, token: "test-token-0123456789abcdef", role: admin }], data_dir: "%s" }
                defaults: { interval: 4s, timeout: 1s }
                agents:
                  - { region: eu, token: token-of-eu }
                monitors:
                  - { name: api, url: "%s", regions: [local, eu] }
                """.formatted(dir.resolve("data"), target.url("/api"));
        return ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();
    }
}
