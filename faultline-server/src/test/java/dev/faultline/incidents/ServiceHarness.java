package dev.faultline.incidents;

import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import dev.faultline.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An incident service on a real SQLite store, with a manual clock, recording ports and tasks run
 * at once on the caller's thread (one monitor's events are in order by construction).
 */
final class ServiceHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    static final KeyedExecutor DIRECT = (key, task) -> task.run();

    final Path dataDir;
    final Store store;
    final ManualTime time;
    final List<String> rechecks = Collections.synchronizedList(new ArrayList<>());
    final List<NotifyRequest> notifications = Collections.synchronizedList(new ArrayList<>());
    IncidentService service;

    ServiceHarness(Path dataDir, Monitor... monitors) {
        this(dataDir, ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY, monitors);
    }

    ServiceHarness(Path dataDir, ConfirmPolicies policies, MaintenanceCalendar calendar, Monitor... monitors) {
        this(dataDir, new ManualTime(T0), policies, calendar, monitors);
    }

    private ServiceHarness(Path dataDir, ManualTime time, ConfirmPolicies policies, MaintenanceCalendar calendar,
                           Monitor... monitors) {
        this.dataDir = dataDir;
        this.time = time;
        this.store = Store.open(StoreSettings.sqlite(dataDir));
        this.service = new IncidentService(time, store, (id, regions) -> rechecks.add(id + " " + regions),
                (handle, request) -> notifications.add(request), time, DIRECT, policies, calendar);
        service.replaceMonitors(List.of(monitors));
    }

    /** The same data folder after a restart, at the same time: a new store and service; the old alarms died with the process. */
    ServiceHarness restart(Monitor... monitors) {
        store.close();
        return new ServiceHarness(dataDir, new ManualTime(time.instant()), ConfirmPolicies.DEFAULT, MaintenanceCalendar.EMPTY,
                monitors);
    }

    /** A check of the monitor from the local region answered with {@code status} now; then one second passes. */
    void check(String monitorId, int status) {
        service.accept(Checks.result(monitorId, time.instant(), status));
        time.advance(Duration.ofSeconds(1));
    }

    void wait(Duration duration) {
        time.advance(duration);
    }

    List<IncidentRecord> incidents() {
        return store.incidents().list(100, Optional.empty(), Optional.empty()).reversed();
    }

    /** "state severity cause", oldest first, with " in-maintenance" / " started-before-maintenance" when set. */
    List<String> incidentSummaries() {
        return incidents().stream().map(i -> i.state().id() + " " + i.severity().id() + " " + i.cause().id()
                + (i.openedInMaintenance() ? " in-maintenance" : "") + (i.startedBeforeMaintenance() ? " started-before-maintenance" : ""))
                .toList();
    }

    /** "severity transition", in order. */
    List<String> notificationSummaries() {
        return notifications.stream().map(n -> n.severity().id() + " " + n.transition().name().toLowerCase(Locale.ROOT))
                .toList();
    }

    int blips(String monitorId) {
        return store.blips().recent(monitorId, 1000, Optional.empty()).size();
    }

    @Override
    public void close() {
        store.close();
    }
}
