package dev.faultline.incidents;

import static dev.faultline.incidents.ServiceHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Durations;
import dev.faultline.config.ConfirmSettings;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service with one local region, a manual clock and recording ports, as a table: a script of
 * checks (an HTTP status, one second apart; {@code wait 31s} moves the clock and runs the alarms)
 * and what must be in the store and the notifications afterwards.
 */
class IncidentScenariosTest {

    private static final ConfirmSettings CONFIRM = ConfirmSettings.DEFAULT; // quorum 2 (1 with one region), window 30s, recovery 2

    record Scenario(String name, ConfirmPolicies policies, MaintenanceCalendar calendar, String script, List<String> incidents, int blips,
                    List<String> notifications, int rechecks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        ConfirmPolicies plain = ConfirmPolicies.DEFAULT;
        MaintenanceCalendar none = MaintenanceCalendar.EMPTY;
        MaintenanceCalendar inMaintenance = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("upgrade", Set.of("api"), Set.of(), new WindowTimes.Once(T0.minusSeconds(60), T0.plusSeconds(3600)))));
        MaintenanceCalendar maintenanceLater = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("upgrade", Set.of(), Set.of("shop"), new WindowTimes.Once(T0.plusSeconds(10), T0.plusSeconds(20)))));
        ConfirmPolicies recoveryThree = new ConfirmPolicies(new ConfirmSettings(2, Duration.ofSeconds(30), Duration.ZERO, 3), Map.of());
        ConfirmPolicies ownPeriod = new ConfirmPolicies(CONFIRM,
                Map.of("api", new ConfirmSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(10), 2)));
        return Stream.of(
                new Scenario("one region failing twice opens one incident", plain, none, "502; 502; 502; 502",
                        List.of("open critical bad_gateway"), 0, List.of("critical opened"), 1),
                new Scenario("a failure whose re-check succeeds is a blip", plain, none, "502; 200",
                        List.of(), 1, List.of(), 1),
                new Scenario("a failure nobody re-checks ends as a blip at the deadline", plain, none, "502; wait 31s",
                        List.of(), 1, List.of(), 1),
                new Scenario("an incident resolves after the recovery successes", plain, none, "502; 502; 200; 200",
                        List.of("resolved critical bad_gateway"), 0, List.of("critical opened", "critical resolved"), 1),
                new Scenario("a failure between successes starts recovery over", plain, none, "502; 502; 200; 502; 200",
                        List.of("open critical bad_gateway"), 0, List.of("critical opened"), 1),
                new Scenario("the configured recovery count is the one that counts", recoveryThree, none, "0; 0; 200; 200",
                        List.of("open critical connection_refused"), 0, List.of("critical opened"), 1),
                new Scenario("a 4xx confirmed opens a warning incident, never a critical one", plain, none, "404; 404; 404",
                        List.of("open warning not_found"), 0, List.of("warning opened"), 1),
                new Scenario("a warning incident escalates when the server fails", plain, none, "403; 403; 500; 500",
                        List.of("open critical internal_server_error"), 0, List.of("warning opened", "critical escalated"), 2),
                new Scenario("maintenance suppresses the page but records the incident", plain, inMaintenance, "502; 502; 200; 200",
                        List.of("resolved critical bad_gateway in-maintenance"), 0, List.of("info maintenance_suppressed"), 1),
                new Scenario("an incident open when maintenance begins is marked as started before it", plain, maintenanceLater,
                        "502; 502; wait 10s; 502",
                        List.of("open critical bad_gateway started-before-maintenance"), 0, List.of("critical opened"), 1),
                new Scenario("a monitor's own period holds the incident back until the failure has lasted it", ownPeriod, none,
                        "502; 502; wait 9s; 502",
                        List.of("open critical bad_gateway"), 0, List.of("critical opened"), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Scenario scenario, @TempDir Path dataDir) {
        try (ServiceHarness harness = new ServiceHarness(dataDir, scenario.policies(), scenario.calendar(),
                Checks.monitor("api", "shop"))) {
            for (String step : scenario.script().split(";\\s*")) {
                if (step.startsWith("wait ")) harness.wait(Durations.parse(step.substring(5)));
                else harness.check("api", Integer.parseInt(step));
            }

            assertThat(harness.incidentSummaries()).as("incidents").isEqualTo(scenario.incidents());
            assertThat(harness.blips("api")).as("blips").isEqualTo(scenario.blips());
            assertThat(harness.notificationSummaries()).as("notifications").isEqualTo(scenario.notifications());
            assertThat(harness.rechecks).as("re-checks").hasSize(scenario.rechecks()).allMatch(r -> r.equals("api [local]"));
        }
    }
}
