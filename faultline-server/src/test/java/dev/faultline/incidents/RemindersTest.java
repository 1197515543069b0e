package dev.faultline.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.alert.AlertRouting;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.ReminderPolicy;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.incident.Transition;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.store.StoredAlert;
import dev.faultline.store.TimelineEntry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders and escalation on a manual clock, against a real store and outbox: what is written,
 * to which channels, with which numbers, and when it stops.
 */
class RemindersTest {

    private static final ReminderPolicy POLICY = new ReminderPolicy(Optional.of(Duration.ofMinutes(30)),
            Optional.of(Duration.ofMinutes(15)), List.of("managers"));

    @TempDir
    Path dataDir;

    @Test
    void remindsEveryIntervalToTheChannelsThatHeardTheOpeningEscalatesOnceAndStopsAtTheAcknowledgement() {
        try (ServiceHarness harness = harness(dataDir)) {
            Reminders reminders = new Reminders(harness.store, notifier(harness), harness.time, POLICY);
            long id = openIncident(harness);
            assertThat(alerts(harness)).containsExactly("pager incident.opened");

            harness.wait(Duration.ofMinutes(14));
            assertThat(reminders.tick()).isZero();
            harness.wait(Duration.ofMinutes(1));
            assertThat(reminders.tick()).isEqualTo(1);
            assertThat(reminders.tick()).isZero(); // said once
            // Managers take info only: the escalation goes to them by name, whatever they take.
            assertThat(alerts(harness)).containsExactly("pager incident.opened", "managers incident.opened");

            harness.wait(Duration.ofMinutes(15)); // 30 minutes after the opening
            assertThat(reminders.tick()).isEqualTo(1);
            harness.wait(Duration.ofMinutes(29));
            assertThat(reminders.tick()).isZero();
            harness.wait(Duration.ofMinutes(1));
            assertThat(reminders.tick()).isEqualTo(1);
            assertThat(alerts(harness)).containsExactly("pager incident.opened", "managers incident.opened",
                    "pager incident.reminder 1", "managers incident.reminder 1",
                    "pager incident.reminder 2", "managers incident.reminder 2");

            harness.service.acknowledge(id, "ana", Optional.empty());
            harness.wait(Duration.ofHours(3));
            assertThat(reminders.tick()).isZero();
            assertThat(harness.store.incidents().find(id).orElseThrow().reminders().sent()).isEqualTo(2);
            assertThat(harness.store.incidents().timeline(id)).extracting(TimelineEntry::kind)
                    .containsSubsequence("opened", "escalated_to", "reminder", "reminder", "acknowledged");
        }
    }

    @Test
    void theResolutionStopsThemAndAnIncidentNeverAnnouncedHasNone() {
        try (ServiceHarness harness = harness(dataDir)) {
            Reminders reminders = new Reminders(harness.store, notifier(harness), harness.time, POLICY);
            openIncident(harness);
            harness.check("api", 200);
            harness.check("api", 200);
            assertThat(harness.incidentSummaries()).containsExactly("resolved critical bad_gateway");
            harness.wait(Duration.ofHours(2));
            assertThat(reminders.tick()).isZero();

            // Opened with its alert held back (as in maintenance): nothing to remind anybody of.
            harness.service = service(harness, (handle, request) -> {});
            harness.service.replaceMonitors(List.of(Checks.monitor("api")));
            harness.check("api", 500);
            harness.check("api", 500);
            harness.wait(Duration.ofHours(2));
            assertThat(reminders.tick()).isZero();
            assertThat(alerts(harness)).containsExactly("pager incident.opened", "pager incident.resolved");
        }
    }

    @Test
    void aRestartResumesTheScheduleWithOneCatchUpNotABurst() {
        ServiceHarness before = harness(dataDir);
        new Reminders(before.store, notifier(before), before.time, POLICY); // as the server had it
        openIncident(before);
        before.wait(Duration.ofMinutes(30));
        assertThat(new Reminders(before.store, notifier(before), before.time, POLICY).tick()).isEqualTo(2); // escalation, reminder 1

        // Down for five hours (nine reminders missed); then started again.
        before.wait(Duration.ofHours(5));
        try (ServiceHarness after = before.restart(Checks.monitor("api"))) {
            Reminders reminders = new Reminders(after.store, notifier(after), after.time, POLICY);
            assertThat(reminders.tick()).isEqualTo(1);
            assertThat(reminders.tick()).isZero();
            after.wait(Duration.ofMinutes(29));
            assertThat(reminders.tick()).isZero();
            after.wait(Duration.ofMinutes(1));
            assertThat(reminders.tick()).isEqualTo(1);
            assertThat(alerts(after).stream().filter(a -> a.startsWith("pager incident.reminder")))
                    .containsExactly("pager incident.reminder 1", "pager incident.reminder 2", "pager incident.reminder 3");
        }
    }

    @Test
    void offByDefault() {
        try (ServiceHarness harness = harness(dataDir)) {
            openIncident(harness);
            harness.wait(Duration.ofDays(1));
            assertThat(new Reminders(harness.store, notifier(harness), harness.time, ReminderPolicy.OFF).tick()).isZero();
        }
    }

    private static ServiceHarness harness(Path dataDir) {
        ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"));
        harness.service = service(harness, announcing(notifier(harness)));
        harness.service.replaceMonitors(List.of(Checks.monitor("api")));
        return harness;
    }

    private static IncidentService service(ServiceHarness harness, Notifications notifications) {
        return new IncidentService(harness.time, harness.store, (id, regions) -> {}, notifications, harness.time,
                ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
    }

    /** Pager takes critical, chat warning, managers info: only the escalation reaches managers. */
    private static AlertNotifier notifier(ServiceHarness harness) {
        Map<String, Set<Severity>> channels = new LinkedHashMap<>();
        channels.put("pager", Set.of(Severity.CRITICAL));
        channels.put("chat", Set.of(Severity.WARNING));
        channels.put("managers", Set.of(Severity.INFO));
        return new AlertNotifier(AlertRouting.allByDefault(channels), harness.store, harness.time, () -> {});
    }

    /** Openings and resolutions into the outbox under the incident's key, as the server's notifications do. */
    private static Notifications announcing(AlertNotifier notifier) {
        return (handle, request) -> {
            if (request.incidentId().isEmpty()) return;
            EventKind event = request.transition() == Transition.RESOLVED ? EventKind.INCIDENT_RESOLVED : EventKind.INCIDENT_OPENED;
            URI url = URI.create("http://127.0.0.1/" + request.monitor().id());
            notifier.notify(handle, new Notification(event, request.monitor().id(), request.monitor().name(), url,
                    request.severity(), Cause.BAD_GATEWAY, 502, Optional.empty(), "Bad gateway", "Is the application running?",
                    List.of("local"), request.incidentId().map(String::valueOf),
                    Reminders.dedupKey(request.monitor().id(), request.incidentId().get()), request.at(), Optional.empty(), url),
                    List.of());
        };
    }

    private static long openIncident(ServiceHarness harness) {
        harness.check("api", 502);
        harness.check("api", 502);
        assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway");
        return harness.incidents().getFirst().id();
    }

    /** "channel event [reminder]", oldest first. */
    private static List<String> alerts(ServiceHarness harness) {
        return harness.store.outbox().list(Optional.empty(), 1000, Optional.empty()).reversed().stream()
                .map(RemindersTest::summary).toList();
    }

    private static String summary(StoredAlert alert) {
        Notification n = alert.notification();
        return alert.channel() + " " + n.event().id() + (n.reminder() > 0 ? " " + n.reminder() : "");
    }
}
