package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Assertion;
import dev.faultline.check.Assertion.BodyContains;
import dev.faultline.check.Assertion.BodyMatches;
import dev.faultline.check.Assertion.BodyNotContains;
import dev.faultline.check.Assertion.HeaderEquals;
import dev.faultline.check.Assertion.HeaderMatches;
import dev.faultline.check.Assertion.JsonPathEquals;
import dev.faultline.check.Header;
import dev.faultline.check.MonitorSpec;
import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("API_TOKEN", "t0k3n", "PD_ROUTING_KEY", "R0UT1NG", "EU_TOKEN", "eu-secret");

    @Test
    void loadsTheExampleOfTheDesign() {
        FaultlineConfig config = loaded("valid-design-example.yaml", Map.of());

        assertThat(config.server()).isEqualTo(ServerSettings.DEFAULT);
        assertThat(config.defaults()).isEqualTo(new MonitorDefaults(Duration.ofSeconds(60), Duration.ofSeconds(10)));
        assertThat(config.confirm()).isEqualTo(new ConfirmSettings(2, Duration.ofSeconds(30), Duration.ZERO, 2));
        assertThat(config.channels()).containsExactly(new ChannelConfig("pager", ChannelType.WEBHOOK,
                Set.of(Severity.CRITICAL), Map.of("url", "http://127.0.0.1:9000/hook")));
        MonitorSpec api = MonitorSpec.builder(URI.create("https://api.example.com/health")).name("api")
                .interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(10))
                .expect(StatusSet.parse("200-299")).assertion(new BodyContains("ok"))
                .maxResponseTime(Duration.ofSeconds(2)).build();
        assertThat(config.monitors()).containsExactly(
                new MonitorConfig(api, List.of("local"), List.of("pager"), List.of(), Optional.empty(), Optional.empty()));
        assertThat(config.agents()).isEmpty();
    }

    @Test
    void loadsEveryKeyOfAFullFile() {
        FaultlineConfig config = loaded("valid-full.yaml", ENVIRONMENT);

        assertThat(config.server()).isEqualTo(new ServerSettings(9090, "0.0.0.0", Path.of("/var/lib/faultline"),
                Optional.of("jdbc:postgresql://127.0.0.1:5432/faultline"), Duration.ofDays(14), Duration.ofDays(365)));
        assertThat(config.defaults()).isEqualTo(new MonitorDefaults(Duration.ofMinutes(2), Duration.ofSeconds(20)));
        assertThat(config.confirm()).isEqualTo(new ConfirmSettings(3, Duration.ofSeconds(45), Duration.ofMinutes(1), 4));
        assertThat(config.channels()).containsExactly(
                new ChannelConfig("pager", ChannelType.PAGERDUTY, Set.of(Severity.CRITICAL), Map.of("routing_key", "R0UT1NG")),
                new ChannelConfig("chat", ChannelType.SLACK, ChannelConfig.DEFAULT_SEVERITIES,
                        Map.of("url", "https://hooks.slack.example/services/T0/B0/X")),
                new ChannelConfig("digest", ChannelType.EMAIL, Set.of(Severity.INFO, Severity.WARNING),
                        Map.of("host", "smtp.example.com", "from", "faultline@example.com", "to", "ops@example.com")));
        assertThat(config.agents()).containsExactly(
                new AgentConfig("eu-west", "eu-secret"), new AgentConfig("us-east", "literal-token"));
        assertThat(config.maintenance()).containsExactly(
                new MaintenanceWindow("database upgrade", Set.of("api", "checkout"), Set.of(),
                        new WindowTimes.Once(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T02:30:00Z"))),
                new MaintenanceWindow("shop weekends", Set.of(), Set.of("shop"), new WindowTimes.Weekly(
                        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(23, 0), LocalTime.of(1, 30),
                        ZoneId.of("Europe/Berlin"))));

        MonitorConfig api = config.monitors().get(0);
        MonitorSpec spec = api.spec();
        assertThat(spec.name()).isEqualTo("api");
        assertThat(spec.url()).isEqualTo(URI.create("https://api.example.com/health"));
        assertThat(spec.method()).isEqualTo("POST");
        assertThat(spec.headers()).containsExactly(
                new Header("Authorization", "Bearer t0k3n"), new Header("Accept", "application/json"));
        assertThat(spec.body()).contains("{\"probe\": true}");
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.expect()).isEqualTo(StatusSet.parse("200-299,401"));
        assertThat(spec.assertions()).containsExactly(
                new BodyContains("ok"), new BodyContains("ready"), new BodyNotContains("maintenance"),
                BodyMatches.parse("version: \\d+"),
                new JsonPathEquals("$.status", "ok"), new JsonPathEquals("$.checks[0].healthy", "true"),
                new JsonPathEquals("$.error", "null"),
                new HeaderEquals("Content-Type", "application/json"),
                HeaderMatches.parse("Cache-Control", "max-age=\\d+"));
        assertThat(spec.maxResponseTime()).contains(Duration.ofMillis(1500));
        assertThat(spec.followRedirects()).isFalse();
        assertThat(spec.maxRedirects()).isEqualTo(3);
        assertThat(spec.insecure()).isTrue();
        assertThat(spec.certificateWarning()).isEqualTo(Duration.ofDays(21));
        assertThat(spec.maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(api.regions()).containsExactly("local", "eu-west", "us-east");
        assertThat(api.channels()).containsExactly("pager", "chat");
        assertThat(api.tags()).containsExactly("core", "payments");
        assertThat(api.confirm()).contains(new ConfirmSettings(2, Duration.ofSeconds(45), Duration.ofMinutes(1), 1));
    }

    @Test
    void givesMonitorsTheDefaultsOfTheFileAndOfTheSpec() {
        FaultlineConfig config = loaded("valid-full.yaml", ENVIRONMENT);

        MonitorConfig web = config.monitors().get(1);
        assertThat(web.spec()).isEqualTo(MonitorSpec.builder(URI.create("https://www.example.com/")).name("web")
                .interval(Duration.ofMinutes(2)).timeout(Duration.ofSeconds(20)).build());
        assertThat(web.regions()).containsExactly("local");
        assertThat(web.channels()).isEmpty();
        assertThat(config.confirmFor(web)).isEqualTo(config.confirm());
    }

    @Test
    void mergesAnchoredKeysWithTheMonitorsOwnWinning() {
        MonitorConfig checkout = loaded("valid-full.yaml", ENVIRONMENT).monitors().get(2);

        assertThat(checkout.spec().interval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(checkout.spec().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(checkout.tags()).containsExactly("shop", "revenue");
    }

    @Test
    void replacesVariablesAnywhereInAScalarBeforeReadingItsType() {
        String yaml = """
                server: { port: "${PORT}", database_url: "${DATABASE_URL:-}" }
                monitors:
                  - name: ${NAME}-health
                    url: https://${HOST}:${HTTPS_PORT:-8443}/health
                    insecure: ${INSECURE}
                    body: "literal $${NOT_A_VARIABLE} and a lone $ sign"
                """;
        LoadResult result = new ConfigLoader(Map.of("PORT", "7070", "NAME", "api", "HOST", "api.internal",
                "INSECURE", "true", "HTTPS_PORT", "")).parse(yaml, "faultline.yaml");

        FaultlineConfig config = ((LoadResult.Loaded) result).config();
        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.server().databaseUrl()).isEmpty();
        MonitorSpec spec = config.monitors().getFirst().spec();
        assertThat(spec.name()).isEqualTo("api-health");
        assertThat(spec.url()).isEqualTo(URI.create("https://api.internal:8443/health"));
        assertThat(spec.insecure()).isTrue();
        assertThat(spec.body()).contains("literal ${NOT_A_VARIABLE} and a lone $ sign");
    }

    @Test
    void reportsEveryUnsetVariableInOneScalarAtItsOwnColumn() {
        LoadResult result = new ConfigLoader(Map.of()).parse("""
                monitors:
                  - name: api
                    url: https://${HOST}/${PATH_PREFIX}/health
                """, "f.yaml");

        assertThat(errors(result)).containsExactly(
                "f.yaml:3:18: monitors[0].url: environment variable HOST is not set; set it, or give a default with ${HOST:-default}",
                "f.yaml:3:26: monitors[0].url: environment variable PATH_PREFIX is not set; set it, or give a default with ${PATH_PREFIX:-default}");
    }

    @Test
    void readsAnEmptyFileAsAllDefaultsAndNoMonitors() {
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse("# nothing yet\n", "f.yaml")).config();

        assertThat(config.server()).isEqualTo(ServerSettings.DEFAULT);
        assertThat(config.confirm()).isEqualTo(ConfirmSettings.DEFAULT);
        assertThat(config.monitors()).isEmpty();
    }

    @Test
    void rejectsATopLevelThatIsNotAMap() {
        assertThat(errors(new ConfigLoader(Map.of()).parse("- name: api\n", "f.yaml"))).containsExactly(
                "f.yaml:1:1: expected a map with the keys server, defaults, confirm, channels, monitors, agents, maintenance, alerts, trends, digest, status_pages, got a list");
    }

    @Test
    void rejectsAMissingFileWithOneError(@TempDir Path dir) {
        Path missing = dir.resolve("faultline.yaml");

        assertThat(errors(new ConfigLoader(Map.of()).load(missing))).containsExactly(missing + ": no such file");
    }

    @Test
    void namesTheFileAsGivenInEveryError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), "monitors:\n  - name: api\n");

        assertThat(errors(new ConfigLoader(Map.of()).load(file)))
                .containsExactly(file + ":2:5: monitors[0]: missing required key 'url'");
    }

    @Test
    void leavesAssertionsOfTheCoreToTheCore() {
        // The reader only places the core's messages; it does not re-check what the core checks.
        LoadResult result = new ConfigLoader(Map.of()).parse("""
                monitors:
                  - { name: api, url: "https://x.example", headers: { "Bad Name": v }, expect: { body_contains: "" } }
                """, "f.yaml");

        assertThat(errors(result)).containsExactly(
                "f.yaml:2:55: monitors[0].headers[\"Bad Name\"]: invalid header name 'Bad Name'",
                "f.yaml:2:97: monitors[0].expect.body_contains: body_contains needs a non-empty value");
    }

    static FaultlineConfig loaded(String fixture, Map<String, String> environment) {
        try {
            Path file = Path.of(ConfigLoaderTest.class.getResource("/config/" + fixture).toURI());
            LoadResult result = new ConfigLoader(environment).load(file);
            assertThat(result).as("%s", result).isInstanceOf(LoadResult.Loaded.class);
            return ((LoadResult.Loaded) result).config();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> errors(LoadResult result) {
        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        return ((LoadResult.Rejected) result).errors().stream().map(ConfigError::toString).toList();
    }
}
