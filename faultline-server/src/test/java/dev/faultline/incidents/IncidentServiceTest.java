package dev.faultline.incidents;

import static dev.faultline.incidents.ServiceHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.incident.Status;
import dev.faultline.json.Json;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.OutboxEntry;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import dev.faultline.store.TimelineEntry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentServiceTest {

    @TempDir
    Path dataDir;

    @Test
    void theTimelineHoldsTheChecksThatMatteredTheDiagnosisTheNotificationsAndTheResolution() throws Exception {
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            harness.service = new IncidentService(harness.time, harness.store, (id, regions) -> {},
                    new TimelineNotifications(harness.store.incidents()), harness.time, ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            harness.service.replaceMonitors(List.of(Checks.monitor("api")));
            for (int status : new int[] {502, 502, 502, 502, 200, 200}) harness.check("api", status);

            IncidentRecord incident = harness.incidents().getFirst();
            List<TimelineEntry> timeline = harness.store.incidents().timeline(incident.id());
            assertThat(timeline).extracting(TimelineEntry::kind)
                    .containsExactly("check", "check", "opened", "notification", "check", "check", "resolved", "notification");
            JsonNode opened = Json.mapper().readTree(timeline.get(2).details());
            assertThat(opened.get("cause").asText()).isEqualTo("bad_gateway");
            assertThat(opened.get("fault").asText()).isEqualTo("server");
            assertThat(opened.at("/diagnosis/next_step").asText()).contains("application process");
            assertThat(Json.mapper().readTree(timeline.get(3).details()).get("transition").asText()).isEqualTo("opened");
            assertThat(Json.mapper().readTree(timeline.get(4).details()).get("outcome").asText()).isEqualTo("up");
            assertThat(Json.mapper().readTree(timeline.get(6).details()).get("duration_seconds").asDouble()).isEqualTo(4.0);
            assertThat(incident.downFor()).contains(Duration.ofSeconds(4));
        }
    }

    @Test
    void aStepWhoseAlertCannotBeStoredKeepsNothingAndIsMadeAgainAtTheNextEvent() {
        // The alert is written in the step's transaction: when writing it fails, the incident that
        // it announces, its timeline and the engine's state are rolled back with it.
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(1);
        List<NotifyRequest> stored = new java.util.ArrayList<>();
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            TimelineNotifications timeline = new TimelineNotifications(harness.store.incidents());
            harness.service = new IncidentService(harness.time, harness.store, (id, regions) -> {}, (handle, request) -> {
                timeline.notify(handle, request); // written first, so that the rollback must undo it
                if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("the outbox is unavailable");
                stored.add(request);
            }, harness.time, ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            harness.service.replaceMonitors(List.of(Checks.monitor("api")));

            harness.check("api", 502);
            harness.check("api", 502); // confirms the incident: its alert fails to be stored
            assertThat(harness.incidents()).isEmpty();
            assertThat(harness.store.states().loadAll().get("api").status()).isNotEqualTo(Status.DOWN);
            assertThat(harness.service.status("api")).isNotEqualTo(Optional.of(Status.DOWN));

            harness.check("api", 502); // waits behind the failed step, whose retry makes it again, now stored whole
            assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway");
            assertThat(stored).extracting(r -> r.transition().name()).containsExactly("OPENED");
            long id = harness.incidents().getFirst().id();
            assertThat(harness.store.incidents().timeline(id)).extracting(TimelineEntry::kind)
                    .containsOnlyOnce("opened", "notification");
            assertThat(harness.store.states().loadAll().get("api").status()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void anIncidentOpenAtShutdownIsOpenAfterRestartWithTheSameIdAndResolvesNormally() {
        ServiceHarness before = new ServiceHarness(dataDir, Checks.monitor("api"));
        before.check("api", 502);
        before.check("api", 502);
        long id = before.incidents().getFirst().id();

        try (ServiceHarness after = before.restart(Checks.monitor("api"))) {
            assertThat(after.service.status("api")).contains(Status.DOWN);
            after.check("api", 502);
            assertThat(after.incidentSummaries()).containsExactly("open critical bad_gateway");
            after.check("api", 200);
            after.check("api", 200);

            assertThat(after.incidents()).extracting(IncidentRecord::id).containsExactly(id);
            assertThat(after.incidentSummaries()).containsExactly("resolved critical bad_gateway");
            assertThat(after.notificationSummaries()).containsExactly("critical resolved");
        }
    }

    @Test
    void aDeadlinePendingAtShutdownIsSetAgainAfterRestart() {
        ServiceHarness before = new ServiceHarness(dataDir, Checks.monitor("api"));
        before.check("api", 502);

        try (ServiceHarness after = before.restart(Checks.monitor("api"))) {
            assertThat(after.service.status("api")).contains(Status.SUSPECT);
            after.wait(Duration.ofSeconds(30));

            assertThat(after.service.status("api")).contains(Status.UP);
            assertThat(after.blips("api")).isEqualTo(1);
        }
    }

    @Test
    void aRemovedMonitorHasItsIncidentClosedAndItsStateForgotten() {
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"), Checks.monitor("web"))) {
            harness.check("api", 0);
            harness.check("api", 0);

            harness.service.replaceMonitors(List.of(Checks.monitor("web")));
            harness.check("api", 0); // a check already under way when the monitor went: ignored

            IncidentRecord closed = harness.incidents().getFirst();
            assertThat(closed.state()).isEqualTo(IncidentRecord.State.RESOLVED);
            assertThat(closed.resolution()).contains("monitor_removed");
            assertThat(closed.recoveredAt()).isEmpty();
            assertThat(harness.store.states().loadAll()).doesNotContainKey("api");
            assertThat(harness.service.status("api")).isEmpty();
        }
    }

    @Test
    void aMonitorGoneFromTheConfigWhileTheServerWasDownHasItsIncidentClosedAtStart() {
        ServiceHarness before = new ServiceHarness(dataDir, Checks.monitor("api"));
        before.check("api", 503);
        before.check("api", 503);

        try (ServiceHarness after = before.restart(Checks.monitor("web"))) {
            assertThat(after.incidents()).extracting(i -> i.resolution().orElse("")).containsExactly("monitor_removed");
            assertThat(after.store.states().loadAll()).doesNotContainKey("api");
        }
    }

    @Test
    void aMonitorGoneWhileStoppedHasItsAnnouncedIncidentResolvedOnceForWhoHeardTheOpening() {
        ServiceHarness before = new ServiceHarness(dataDir, Checks.monitor("api"));
        before.check("api", 503);
        before.check("api", 503);
        IncidentRecord open = before.incidents().getFirst();
        heard(before, open, "pager", URI.create("https://api.example.com/health"));

        // A start whose resolution cannot be written closes nothing: the next start still has it to send.
        IncidentService failing = new IncidentService(before.time, before.store, (id, regions) -> {}, (handle, request) -> {
            throw new IllegalStateException("the outbox cannot take it");
        }, before.time, ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
        assertThatThrownBy(() -> failing.replaceMonitors(List.of(Checks.monitor("web")))).isInstanceOf(IllegalStateException.class);
        assertThat(before.incidentSummaries()).containsExactly("open critical service_unavailable");

        ServiceHarness after = before.restart(Checks.monitor("web"));
        assertThat(after.notificationSummaries()).containsExactly("critical resolved");
        NotifyRequest resolution = after.notifications.getFirst();
        assertThat(resolution.monitorRemoved()).isTrue();
        assertThat(resolution.incidentId()).contains(open.id());
        // The monitor is gone: what the resolution says of it is what the opening said.
        assertThat(resolution.monitor().id()).isEqualTo("api");
        assertThat(resolution.monitor().spec().url()).isEqualTo(URI.create("https://api.example.com/health"));
        assertThat(after.incidents()).extracting(i -> i.resolution().orElse("")).containsExactly("monitor_removed");

        try (ServiceHarness again = after.restart(Checks.monitor("web"))) {
            assertThat(again.notifications).isEmpty();
        }
    }

    @Test
    void aMonitorGoneWhileStoppedWhoseIncidentWasNeverAnnouncedHasItClosedQuietly() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("deploy", Set.of("api"), Set.of(), new WindowTimes.Once(T0, T0.plusSeconds(3600)))));
        ServiceHarness before = new ServiceHarness(dataDir, ConfirmPolicies.DEFAULT, calendar, Checks.monitor("api"));
        before.check("api", 503);
        before.check("api", 503);
        assertThat(before.notificationSummaries()).containsExactly("info maintenance_suppressed");
        assertThat(before.incidentSummaries()).containsExactly("open critical service_unavailable in-maintenance");

        try (ServiceHarness after = before.restart(Checks.monitor("web"))) {
            assertThat(after.notifications).isEmpty();
            IncidentRecord closed = after.incidents().getFirst();
            assertThat(closed.resolution()).contains("monitor_removed");
            assertThat(after.store.incidents().timeline(closed.id())).extracting(TimelineEntry::kind).doesNotContain("notification");
            assertThat(after.store.states().loadAll()).doesNotContainKey("api");
        }
    }

    /** The incident's opening as the server's notifications put it in the outbox for {@code channel}. */
    private static void heard(ServiceHarness harness, IncidentRecord incident, String channel, URI url) {
        Notification opening = new Notification(EventKind.INCIDENT_OPENED, incident.monitorId(), incident.monitorName(), url,
                incident.severity(), incident.cause(), 503, Optional.empty(), "Service unavailable", "Look at the load",
                incident.regions(), Optional.of(String.valueOf(incident.id())), Reminders.dedupKey(incident.monitorId(), incident.id()),
                incident.openedAt(), Optional.empty(), url);
        harness.store.outbox().enqueue(List.of(new OutboxEntry(channel, opening)), harness.time.instant());
    }

    @Test
    void anIncidentHeldBackByMaintenanceIsAnnouncedWhenTheWindowEnds() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("deploy", Set.of(), Set.of("shop"), new WindowTimes.Once(T0, T0.plusSeconds(10)))));
        try (ServiceHarness harness = new ServiceHarness(dataDir, ConfirmPolicies.DEFAULT, calendar, Checks.monitor("api", "shop"),
                Checks.monitor("web"))) {
            harness.check("api", 502);
            harness.check("api", 502);
            harness.check("web", 502);
            harness.check("web", 502);
            assertThat(harness.notificationSummaries()).containsExactly("info maintenance_suppressed", "critical opened");

            harness.wait(Duration.ofSeconds(10));

            assertThat(harness.notificationSummaries()).containsExactly("info maintenance_suppressed", "critical opened",
                    "critical opened");
            assertThat(harness.notifications.getLast().monitor().id()).isEqualTo("api");
            assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway in-maintenance",
                    "open critical bad_gateway");
        }
    }

    @Test
    void aReloadedCalendarStartsAndEndsMaintenanceAtOnce() {
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            harness.service.replaceCalendar(new MaintenanceCalendar(List.of(
                    new MaintenanceWindow("now", Set.of("api"), Set.of(), new WindowTimes.Once(T0, T0.plusSeconds(3600))))));
            harness.check("api", 502);
            harness.check("api", 502);
            harness.service.replaceCalendar(MaintenanceCalendar.EMPTY);

            assertThat(harness.notificationSummaries()).containsExactly("info maintenance_suppressed", "critical opened");
        }
    }

    @Test
    void aMonitorGivenATagOfAnOpenWindowEntersMaintenanceAtOnce() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("deploy", Set.of(), Set.of("shop"), new WindowTimes.Once(T0, T0.plusSeconds(3600)))));
        try (ServiceHarness harness = new ServiceHarness(dataDir, ConfirmPolicies.DEFAULT, calendar, Checks.monitor("api"))) {
            harness.service.replaceMonitors(List.of(Checks.monitor("api", "shop")));
            harness.check("api", 502);
            harness.check("api", 502);

            assertThat(harness.notificationSummaries()).containsExactly("info maintenance_suppressed");
        }
    }

    @Test
    void eachMonitorsResultsAreAppliedInOrderOnItsStripeWhileOthersGoOn() throws Exception {
        int monitors = 200;
        try (Store store = Store.open(StoreSettings.sqlite(dataDir));
             StripedExecutor stripes = new StripedExecutor(8, "test-incidents", Duration.ofSeconds(30))) {
            ManualTime time = new ManualTime(T0);
            IncidentService service = new IncidentService(time, store, (id, regions) -> {}, (handle, request) -> {}, time, stripes,
                    ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            List<String> ids = java.util.stream.IntStream.range(0, monitors).mapToObj(i -> "m" + i).toList();
            service.replaceMonitors(ids.stream().map(Checks::monitor).toList());

            // Each monitor's results come from one thread (as the scheduler delivers them): many threads at once.
            List<Thread> producers = ids.stream().map(id -> Thread.ofVirtual().start(() -> {
                for (int second = 0; second < 4; second++) service.accept(Checks.result(id, T0.plusSeconds(second), 502));
            })).toList();
            for (Thread producer : producers) producer.join();
            stripes.close();

            List<IncidentRecord> incidents = store.incidents().list(1000, Optional.empty(), Optional.empty());
            assertThat(incidents).hasSize(monitors);
            assertThat(incidents).extracting(IncidentRecord::monitorId).doesNotHaveDuplicates();
        }
    }

    @Test
    void resultsOfHealthyMonitorsAreCheap() {
        int monitors = 1_000;
        int results = 200_000;
        try (Store store = Store.open(StoreSettings.sqlite(dataDir));
             StripedExecutor stripes = new StripedExecutor(8, "test-incidents", Duration.ofSeconds(30))) {
            IncidentService service = new IncidentService(Clock.systemUTC(), store, (id, regions) -> {}, (handle, request) -> {},
                    (at, task) -> {}, stripes, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            service.replaceMonitors(java.util.stream.IntStream.range(0, monitors).mapToObj(i -> Checks.monitor("m" + i)).toList());

            long start = System.nanoTime();
            for (int i = 0; i < results; i++) service.accept(Checks.result("m" + (i % monitors), T0.plusMillis(i), 200));
            stripes.close();
            double seconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("incident service: %,d up results for %,d monitors in %.2f s (%,.0f results/s, stripes included)%n",
                    results, monitors, seconds, results / seconds);
            assertThat(store.states().loadAll()).isEmpty(); // nothing worth a write happened
        }
    }
}
