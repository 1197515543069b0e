package dev.faultline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Assertion;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.StatusSet;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.LoadResult;
import dev.faultline.config.MonitorConfig;
import dev.faultline.monitor.Monitor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

class MonitorJsonTest {

    private static final ObjectMapper JSON = Json.mapper();

    private static final String YAML_MONITOR = """
            name: Checkout (EU)
            url: https://shop.example.com/checkout?probe=1
            method: POST
            headers:
              Authorization: Bearer t0k3n
              Accept: application/json
            body: '{"probe": true}'
            interval: 30s
            timeout: 4500ms
            expect:
              status: 200-299,401
              body_contains: [ok, ready]
              body_not_contains: maintenance
              body_regex: 'version: \\d+'
              json_path:
                $.status: ok
                $.error: null
              headers:
                Content-Type: application/json
              header_matches:
                Cache-Control: "max-age=\\\\d+"
              max_response_time: 1500ms
            follow_redirects: false
            max_redirects: 3
            insecure: true
            certificate_warning: 21d
            max_body: 512KiB
            regions: [local, eu-west]
            channels: [pager, chat]
            tags: [shop, revenue]
            """;

    @Test
    void aMonitorWrittenAsJsonReadsBackEqual() throws Exception {
        Monitor monitor = full();

        String json = JSON.writeValueAsString(MonitorJson.of(monitor));

        assertThat(JSON.readValue(json, MonitorJson.class).toMonitor(Monitor.Source.API)).isEqualTo(monitor);
    }

    @Test
    void theJsonHasTheConfigFilesKeysAndValueForms() throws Exception {
        String json = JSON.writeValueAsString(MonitorJson.of(full()));

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("""
                {"id": "checkout-eu", "name": "Checkout (EU)", "url": "https://shop.example.com/checkout?probe=1",
                 "method": "POST", "headers": {"Authorization": "Bearer t0k3n", "Accept": "application/json"},
                 "body": "{\\"probe\\": true}", "interval": "30s", "timeout": "4s500ms",
                 "expect": {"status": "2xx,401", "body_contains": ["ok", "ready"], "body_not_contains": ["maintenance"],
                            "body_regex": ["version: \\\\d+"], "json_path": {"$.status": "ok", "$.error": "null"},
                            "headers": {"Content-Type": "application/json"},
                            "header_matches": {"Cache-Control": "max-age=\\\\d+"}, "max_response_time": "1s500ms"},
                 "follow_redirects": false, "max_redirects": 3, "insecure": true, "certificate_warning": "21d",
                 "max_body": "512KiB", "cache_bust": false, "regions": ["local", "eu-west"], "channels": ["pager", "chat"],
                 "tags": ["shop", "revenue"], "source": "api"}
                """));
    }

    @Test
    void aMonitorFromTheConfigFileReadsTheSameAsJson() throws Exception {
        String file = "channels: [{name: pager, type: webhook, url: 'http://127.0.0.1:9/'},"
                + " {name: chat, type: webhook, url: 'http://127.0.0.1:9/'}]\nmonitors:\n  - "
                + YAML_MONITOR.strip().replace("\n", "\n    ") + "\n";
        LoadResult loaded = new ConfigLoader(Map.of()).parse(file, "faultline.yaml");
        MonitorConfig fromFile = ((LoadResult.Loaded) loaded).config().monitors().get(0);
        Object yamlTree = new Yaml().load(YAML_MONITOR);

        Monitor fromJson = JSON.readValue(JSON.writeValueAsString(yamlTree), MonitorJson.class).toMonitor(Monitor.Source.API);

        assertThat(fromJson.spec()).isEqualTo(fromFile.spec());
        assertThat(fromJson.regions()).isEqualTo(fromFile.regions());
        assertThat(fromJson.channels()).isEqualTo(fromFile.channels());
        assertThat(fromJson.tags()).isEqualTo(fromFile.tags());
        assertThat(fromJson.spec()).isEqualTo(full().spec());
    }

    @Test
    void absentKeysTakeTheDefaults() throws Exception {
        Monitor monitor = JSON.readValue("{\"name\": \"API health\", \"url\": \"https://api.example.com/health\"}",
                MonitorJson.class).toMonitor(Monitor.Source.API);

        assertThat(monitor).isEqualTo(new Monitor("api-health", MonitorSpec.builder(URI.create("https://api.example.com/health"))
                .name("API health").build(), List.of("local"), List.of(), List.of(), Monitor.Source.API));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'url': 'https://a.example.com/'}                                 | name     | name: is required",
            "{'name': 'a'}                                                     | url      | url: is required",
            "{'name': 'a', 'url': 'ftp://a.example.com/'}                      | url      | url: invalid URL 'ftp://a.example.com/': the scheme must be http or https, not 'ftp'",
            "{'name': 'a', 'url': 'https://a.example.com/', 'interval': '5'}   | interval | interval: invalid duration '5': add a unit (ms, s, m, h or d), e.g. 5s",
            "{'name': 'a', 'url': 'https://a.example.com/', 'interval': '0s'}  | interval | interval: 0s is shorter than the minimum of 1s",
            "{'name': 'a', 'url': 'https://a.example.com/', 'expect': {'status': '600'}} | expect.status | expect.status: invalid status set '600': '600' is out of range: codes run from 100 to 599",
            "{'name': 'a', 'url': 'https://a.example.com/', 'expect': {'body_regex': '('}} | expect.body_regex | expect.body_regex: invalid regular expression for body_regex: Unclosed group near index 1 of '('",
            "{'name': 'a', 'url': 'https://a.example.com/', 'max_body': '1XB'} | max_body | max_body: invalid size '1XB': unknown unit 'XB'; use B, KiB, MiB or GiB (powers of 1024)",
            "{'name': 'a', 'url': 'https://a.example.com/', 'max_body': 0}     | max_body | max_body: must be at least 1",
            "{'name': 'a', 'url': 'https://a.example.com/', 'max_redirects': 99} | max_redirects | max_redirects: 99 is outside 0 to 50",
            "{'name': 'a', 'url': 'https://a.example.com/', 'regions': []}     | regions  | regions: a monitor needs at least one region",
            "{'name': 'a', 'url': 'https://a.example.com/', 'id': 'Not An Id'} | id       | id: invalid monitor id 'Not An Id'",
    })
    void aWrongFieldIsNamedWithTheReason(String json, String field, String message) throws Exception {
        MonitorJson parsed = JSON.readValue(json.replace('\'', '"'), MonitorJson.class);

        assertThatThrownBy(() -> parsed.toMonitor(Monitor.Source.API)).isInstanceOf(MonitorJson.InvalidField.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MonitorJson.InvalidField) e).field()).isEqualTo(field));
    }

    @Test
    void sizesAreWrittenInTheLargestWholeUnit() {
        assertThat(MonitorJson.formatSize(1024 * 1024)).isEqualTo("1MiB");
        assertThat(MonitorJson.formatSize(1536)).isEqualTo("1536");
        assertThat(MonitorJson.formatSize(3L << 30)).isEqualTo("3GiB");
        assertThat(MonitorJson.formatSize(1000)).isEqualTo("1000");
    }

    private static Monitor full() {
        MonitorSpec spec = MonitorSpec.builder(URI.create("https://shop.example.com/checkout?probe=1"))
                .name("Checkout (EU)").method("POST")
                .header(new Header("Authorization", "Bearer t0k3n")).header(new Header("Accept", "application/json"))
                .body("{\"probe\": true}").interval(Duration.ofSeconds(30)).timeout(Duration.ofMillis(4_500))
                .expect(StatusSet.parse("200-299,401"))
                .assertion(new Assertion.BodyContains("ok")).assertion(new Assertion.BodyContains("ready"))
                .assertion(new Assertion.BodyNotContains("maintenance"))
                .assertion(Assertion.BodyMatches.parse("version: \\d+"))
                .assertion(new Assertion.JsonPathEquals("$.status", "ok"))
                .assertion(new Assertion.JsonPathEquals("$.error", "null"))
                .assertion(new Assertion.HeaderEquals("Content-Type", "application/json"))
                .assertion(Assertion.HeaderMatches.parse("Cache-Control", "max-age=\\d+"))
                .maxResponseTime(Duration.ofMillis(1_500)).followRedirects(false).maxRedirects(3).insecure(true)
                .certificateWarning(Duration.ofDays(21)).maxBodyBytes(512 * 1024).build();
        return new Monitor(Monitor.idFor(spec.name()), spec, List.of("local", "eu-west"), List.of("pager", "chat"),
                List.of("shop", "revenue"), Monitor.Source.API);
    }
}
