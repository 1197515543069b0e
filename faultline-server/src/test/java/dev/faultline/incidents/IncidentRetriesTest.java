package dev.faultline.incidents;

import static dev.faultline.incidents.ServiceHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.incident.Status;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.maintenance.WindowTimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step whose write fails is tried again with the same event, whatever kind of event it was. */
class IncidentRetriesTest {

    @TempDir
    Path dataDir;

    @Test
    void anIncidentWhoseAnnouncementFailsAtTheEndOfMaintenanceIsAnnouncedOnce() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(
                new MaintenanceWindow("deploy", Set.of("api"), Set.of(), new WindowTimes.Once(T0, T0.plusSeconds(10)))));
        AtomicInteger openingsToFail = new AtomicInteger(1);
        List<String> stored = new ArrayList<>();
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            harness.service = new IncidentService(harness.time, harness.store, (id, regions) -> {}, (handle, request) -> {
                if (request.transition().name().equals("OPENED") && openingsToFail.getAndDecrement() > 0) {
                    throw new IllegalStateException("the outbox is unavailable");
                }
                stored.add(request.transition().name());
            }, harness.time, ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, calendar);
            harness.service.replaceMonitors(List.of(Checks.monitor("api")));
            harness.check("api", 502);
            harness.check("api", 502);
            harness.wait(Duration.ofSeconds(8)); // the window ends: the opening's alert fails once
            assertThat(stored).doesNotContain("OPENED");

            harness.wait(Duration.ofSeconds(2)); // the retry, without any further check

            assertThat(stored).containsOnlyOnce("OPENED");
            assertThat(harness.service.status("api")).contains(Status.DOWN);
            for (int i = 0; i < 5; i++) harness.check("api", 502);
            assertThat(stored).containsOnlyOnce("OPENED");
            assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway in-maintenance");
        }
    }

    @Test
    void aConfirmationDeadlineWhoseStepFailsStillEndsAsABlip() {
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            harness.check("api", 502);
            assertThat(harness.service.status("api")).contains(Status.SUSPECT);
            failStateWrites(harness, true);

            harness.wait(Duration.ofSeconds(30)); // the deadline is consumed; its step cannot be stored
            assertThat(harness.service.status("api")).contains(Status.SUSPECT);
            assertThat(harness.blips("api")).isZero();
            harness.wait(Duration.ofSeconds(2)); // still failing: a second attempt, then a longer wait
            assertThat(harness.blips("api")).isZero();

            failStateWrites(harness, false);
            harness.wait(Duration.ofSeconds(4));

            assertThat(harness.service.status("api")).contains(Status.UP);
            assertThat(harness.blips("api")).isEqualTo(1);
            assertThat(harness.store.states().loadAll().get("api").status()).isEqualTo(Status.UP);
            assertThat(harness.incidents()).isEmpty();
        }
    }

    @Test
    void aFailedResultStepIsReplayedBeforeTheResultsThatCameAfterIt() {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        List<String> stored = new ArrayList<>();
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            harness.service = new IncidentService(harness.time, harness.store, (id, regions) -> {}, (handle, request) -> {
                if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("the outbox is unavailable");
                stored.add(request.transition().name());
            }, harness.time, ServiceHarness.DIRECT, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY);
            harness.service.replaceMonitors(List.of(Checks.monitor("api")));

            harness.check("api", 502);
            harness.check("api", 502); // confirms: the opening cannot be stored
            assertThat(harness.incidents()).isEmpty();
            harness.service.accept(Checks.result("api", harness.time.instant(), 502)); // waits behind the failed step
            assertThat(harness.incidents()).isEmpty();
            harness.wait(Duration.ofSeconds(1)); // the retry: the failed result, then the one that waited

            assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway");
            assertThat(stored).containsExactly("OPENED");
            harness.check("api", 200);
            harness.check("api", 200);
            assertThat(harness.incidentSummaries()).containsExactly("resolved critical bad_gateway");
            assertThat(stored).containsExactly("OPENED", "RESOLVED");
        }
    }

    @Test
    void aStepThatNeverStoresIsDroppedAfterItsAttemptsAndTheMonitorGoesOn() {
        try (ServiceHarness harness = new ServiceHarness(dataDir, Checks.monitor("api"))) {
            failStateWrites(harness, true);
            harness.check("api", 502);
            harness.wait(Duration.ofMinutes(10)); // every attempt fails, the later deadline's too
            assertThat(harness.service.status("api")).contains(Status.UP);
            assertThat(harness.time.pendingAlarms()).isZero();

            failStateWrites(harness, false);
            harness.check("api", 502);
            harness.check("api", 502);
            assertThat(harness.incidentSummaries()).containsExactly("open critical bad_gateway");
        }
    }

    @Test
    void theBackoffDoublesUpToHalfAMinute() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 9).stream().map(IncidentService::retryDelay).map(Duration::toSeconds).toList())
                .containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    // A real store failure: the engine's state cannot be saved, and so no step that changes it can be stored.
    private static void failStateWrites(ServiceHarness harness, boolean fail) {
        harness.store.inTransaction(handle -> {
            if (fail) {
                handle.execute("CREATE TRIGGER fail_insert BEFORE INSERT ON monitor_states BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                handle.execute("CREATE TRIGGER fail_update BEFORE UPDATE ON monitor_states BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            } else {
                handle.execute("DROP TRIGGER fail_insert");
                handle.execute("DROP TRIGGER fail_update");
            }
            return null;
        });
    }
}
