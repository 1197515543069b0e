package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One monitor given on its own, as the API receives it: the file's checks, the file's defaults. */
class MonitorPayloadTest {

    private static final FaultlineConfig BASE = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse("""
            defaults: { interval: 30s, timeout: 5s }
            channels:
              - { name: pager, type: webhook, url: "http://127.0.0.1:9000/hook" }
            """, "faultline.yaml")).config();

    private final ConfigLoader loader = new ConfigLoader(Map.of("SECRET", "hunter2"));

    @Test
    void aValidJsonMonitorTakesTheFileDefaults() {
        MonitorResult result = loader.parseMonitor("""
                {"name": "api", "url": "http://127.0.0.1:8080/health", "expect": {"status": "200-299,401"},
                 "channels": ["pager"], "tags": ["prod"]}""", "request", BASE);

        MonitorConfig monitor = ((MonitorResult.Loaded) result).monitor();
        assertThat(monitor.spec().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(monitor.spec().expect()).isEqualTo(StatusSet.parse("200-299,401"));
        assertThat(monitor.channels()).containsExactly("pager");
        assertThat(monitor.regions()).containsExactly("local");
    }

    @Test
    void everyBadFieldIsNamedByItsPath() {
        MonitorResult result = loader.parseMonitor("""
                {"name": "api", "url": "ftp://x/", "interval": "soon", "expect": {"status": "2000"},
                 "channels": ["nope"], "colour": "red"}""", "request", BASE);

        assertThat(((MonitorResult.Rejected) result).errors()).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("url", "interval", "expect.status", "channels[0]", "colour");
    }

    @Test
    void aPayloadCannotReadTheServersEnvironment() {
        MonitorResult result = loader.parseMonitor("""
                {"name": "leak", "url": "http://127.0.0.1/?k=${SECRET}"}""", "request", BASE);

        assertThat(result).isInstanceOf(MonitorResult.Rejected.class);
        assertThat(((MonitorResult.Rejected) result).errors().get(0).message()).contains("SECRET");
    }

    @Test
    void brokenJsonIsRejectedWithItsPosition() {
        MonitorResult result = loader.parseMonitor("{\"name\": \"api\", ", "request", BASE);

        ConfigError error = ((MonitorResult.Rejected) result).errors().get(0);
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.message()).startsWith("invalid YAML");
    }
}
