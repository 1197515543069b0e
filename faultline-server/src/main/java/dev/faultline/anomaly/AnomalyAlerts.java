package dev.faultline.anomaly;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.AnomalyRecord;
import dev.faultline.trend.Anomaly;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Announces a newly opened warning anomaly once, through the alert outbox, to the monitor's
 * channels that take warnings: never to a channel that takes only critical alerts, and never as
 * an incident. Info anomalies are not sent (they are on the dashboard and in the digest).
 * Instability goes out as {@link EventKind#INSTABILITY}, the 4xx patterns as
 * {@link EventKind#WARNING}; the dedup key names the anomaly, so a replay sends nothing twice.
 * An anomaly that opens while its monitor is in maintenance is not announced either: it is
 * stored and shown, and the window is there so that nobody is disturbed.
 *
 * <p>Instability has two announcers: the incident engine warns the moment blips (brief failures
 * of any kind) come often, and the detectors find frequent 5xx episodes in the rollups, later and
 * over a longer window. Both describe one situation, so operators hear it once: the engine, which
 * is first and sees every blip as it happens, speaks; the anomaly is stored (for the dashboard and
 * the digest) but not announced when an instability alert of its monitor was already enqueued
 * within the window it judged. The check is made here and not in the engine because the outbox,
 * not the engine's memory, knows what was said (it survives restarts and covers both sources);
 * and because the engine is pure and must not read the store. An instability anomaly that
 * finds nothing said yet is announced as before; the engine's next warning then still goes out,
 * since it is the earlier signal of a new burst (documented in README, "Trends").
 */
public final class AnomalyAlerts {

    private final AlertNotifier notifier;
    private final Clock clock;
    private final URI apiBase;
    private final Supplier<MaintenanceCalendar> maintenance;

    public AnomalyAlerts(AlertNotifier notifier, Clock clock, URI apiBase, Supplier<MaintenanceCalendar> maintenance) {
        this.notifier = notifier;
        this.clock = clock;
        this.apiBase = apiBase;
        this.maintenance = maintenance;
    }

    /**
     * Queues the alert within the caller's transaction (the one that stored the anomaly).
     *
     * @param status the counted status code seen most, named as the cause; 0 when unknown
     * @return the channels it goes to; none for an info anomaly
     */
    List<String> announce(Handle handle, Monitor monitor, AnomalyRecord anomaly, int status) {
        if (anomaly.finding().severity() != Severity.WARNING) return List.of();
        if (maintenance.get().inMaintenance(monitor.id(), monitor.tags(), clock.instant())) return List.of();
        if (anomaly.kind() == Anomaly.Kind.FREQUENT_SERVER_ERRORS
                && notifier.enqueuedSince(handle, monitor.id(), EventKind.INSTABILITY, anomaly.finding().window().from())) {
            return List.of();
        }
        return notifier.notify(handle, notification(monitor, anomaly, status), monitor.channels());
    }

    Notification notification(Monitor monitor, AnomalyRecord anomaly, int status) {
        Anomaly finding = anomaly.finding();
        boolean oneRegion = !anomaly.region().equals(AnomalyRecord.ALL_REGIONS);
        EventKind event = finding.kind() == Anomaly.Kind.FREQUENT_SERVER_ERRORS ? EventKind.INSTABILITY : EventKind.WARNING;
        return new Notification(event, monitor.id(), monitor.name(), monitor.spec().url(), finding.severity(),
                cause(finding.kind(), status), status, Optional.empty(),
                finding.summary() + (oneRegion ? " (region " + anomaly.region() + ")" : ""), finding.nextStep(),
                oneRegion ? List.of(anomaly.region()) : List.of(), Optional.empty(),
                "faultline/" + monitor.id() + "/anomaly-" + anomaly.id(), clock.instant(), Optional.empty(),
                apiBase.resolve("/api/v1/anomalies?monitor=" + monitor.id()));
    }

    private static Cause cause(Anomaly.Kind kind, int status) {
        if (status >= 400) return Cause.ofUnexpectedStatus(status);
        return switch (kind) {
            case RISING_NOT_FOUND -> Cause.NOT_FOUND;
            case AUTH_SPIKE -> Cause.FORBIDDEN;
            case RATE_LIMITED -> Cause.RATE_LIMITED;
            case FREQUENT_SERVER_ERRORS -> Cause.OTHER_5XX;
        };
    }
}
