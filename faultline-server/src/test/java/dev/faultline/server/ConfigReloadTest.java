package dev.faultline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.monitor.Monitor;
import dev.faultline.testing.HostileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing faultline.yaml while the server runs: a valid edit applies, a broken one changes nothing. */
class ConfigReloadTest {

    @TempDir
    Path dir;

    private String config(String monitors) {
        return "server: { port: 0, data_dir: \"" + dir.resolve("data") + "\" }\n"
                + "defaults: { interval: 1s, timeout: 1s }\nmonitors:\n" + monitors;
    }

    @Test
    void validEditsApplyAndBrokenOnesKeepTheRunningSet() throws Exception {
        try (HostileServer first = HostileServer.status(200, Map.of(), "ok");
             HostileServer second = HostileServer.status(200, Map.of(), "ok")) {
            Path file = dir.resolve("faultline.yaml");
            Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\" }\n"));
            FaultlineConfig initial = ((LoadResult.Loaded) new ConfigLoader(Map.of()).load(file)).config();

            try (FaultlineServer server = FaultlineServer.start(initial, Optional.of(file), Map.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> first.hits() > 0);

                // Added, and the first one changed: both take effect without a restart.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/changed") + "\" }\n"
                        + "  - { name: second, url: \"" + second.url("/") + "\" }\n"));
                await().atMost(Duration.ofSeconds(10)).until(() -> second.hits() > 0);
                await().atMost(Duration.ofSeconds(5)).until(() -> first.lastRequest().orElseThrow().path().equals("/changed"));
                assertThat(server.monitors().all()).extracting(Monitor::id).containsExactly("first", "second");

                // Broken: refused, the two keep running.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\", interval: soon }\n"));
                Thread.sleep(2500);
                assertThat(server.monitors().all()).extracting(Monitor::id).containsExactly("first", "second");
                int secondHits = second.hits();
                await().atMost(Duration.ofSeconds(5)).until(() -> second.hits() > secondHits);

                // Removed: the second one stops.
                Files.writeString(file, config("  - { name: first, url: \"" + first.url("/") + "\" }\n"));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.monitors().size() == 1);
                Thread.sleep(1500); // a check already on its way may still land
                int settled = second.hits();
                Thread.sleep(2500);
                assertThat(second.hits()).isEqualTo(settled);
            }
        }
    }
}
