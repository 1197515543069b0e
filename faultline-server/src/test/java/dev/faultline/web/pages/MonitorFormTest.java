package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Header;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import dev.faultline.config.MonitorResult;
import dev.faultline.json.Json;
import dev.faultline.monitor.Monitor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The form becomes the API's payload: what it does not show survives an edit, and each error lands on its field. */
class MonitorFormTest {

    static final ConfigLoader LOADER = new ConfigLoader(Map.of());
    static final FaultlineConfig BASE = ((LoadResult.Loaded) LOADER.parse("""
            defaults: { interval: 30s, timeout: 5s }
            channels:
              - { name: pager, type: webhook, url: "http://127.0.0.1:9/hook" }
            """, "faultline.yaml")).config();

    static Monitor parse(String payload) {
        return ((MonitorResult.Loaded) LOADER.parseMonitor(payload, "form", BASE)).monitor().toMonitor(Monitor.Source.API);
    }

    @Test
    void anEditKeepsWhatTheFormDoesNotShowAndClearsWhatWasEmptied() {
        Monitor existing = parse("""
                {"name": "api", "url": "http://127.0.0.1:8080/health", "interval": "10s", "headers": {"X-Key": "k"},
                 "expect": {"status": "200,401", "json_path": {"$.status": "ok"}, "body_contains": ["a, b"]},
                 "channels": ["pager"], "tags": ["prod"]}""");
        MonitorForm shown = MonitorForm.of(existing);
        MonitorForm edited = new MonitorForm(shown.name(), "http://127.0.0.1:8080/v2/health", shown.method(), "", shown.timeout(),
                shown.status(), shown.bodyContains(), "2s", "prod, eu", "", Map.of());

        Monitor saved = parse(edited.payload(Json.mapper(), Optional.of(existing)));

        assertThat(saved.spec().url().getPath()).isEqualTo("/v2/health");
        assertThat(saved.spec().interval()).isEqualTo(Duration.ofSeconds(30)); // emptied: the file's default
        assertThat(saved.spec().maxResponseTime()).contains(Duration.ofSeconds(2));
        assertThat(saved.spec().headers()).containsExactly(new Header("X-Key", "k"));
        assertThat(saved.spec().assertions()).isEqualTo(existing.spec().assertions()); // json_path and "a, b" kept as they were
        assertThat(saved.spec().expect()).isEqualTo(existing.spec().expect());
        assertThat(saved.channels()).containsExactly("pager");
        assertThat(saved.tags()).containsExactly("prod", "eu");
    }

    @Test
    void aNewMonitorSendsOnlyWhatWasFilledIn() {
        MonitorForm form = new MonitorForm("web", "http://127.0.0.1:8080/", "GET", "", "", "", "", "", "", "", Map.of());

        assertThat(form.payload(Json.mapper(), Optional.empty())).isEqualTo("{\"name\":\"web\",\"url\":\"http://127.0.0.1:8080/\",\"method\":\"GET\"}");
    }

    @Test
    void errorsLandBesideTheirFields() {
        MonitorForm form = new MonitorForm("web", "localhost:8080", "GET", "soon", "", "2000", "", "", "", "", Map.of());
        MonitorResult.Rejected rejected = (MonitorResult.Rejected) LOADER.parseMonitor(form.payload(Json.mapper(), Optional.empty()),
                "form", BASE);

        MonitorForm shown = form.withErrors(rejected.errors());

        assertThat(shown.errors().keySet()).containsExactlyInAnyOrder("url", "interval", "status");
        assertThat(shown.error("url")).contains("scheme must be http or https");
    }
}
