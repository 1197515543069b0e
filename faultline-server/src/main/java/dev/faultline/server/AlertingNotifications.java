package dev.faultline.server;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.ResolutionReason;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.incident.Incident;
import dev.faultline.incidents.Notifications;
import dev.faultline.incidents.NotifyRequest;
import dev.faultline.incidents.Reminders;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The incident engine's notifications, as alerts: each is kept in the incident's timeline and
 * handed to the outbox, which routes it by severity to the monitor's channels and delivers it;
 * both in the transaction that stores the state change they announce.
 */
final class AlertingNotifications implements Notifications {

    private final Notifications timeline;
    private final AlertNotifier notifier;
    private final Clock clock;
    private final URI apiBase;

    AlertingNotifications(Notifications timeline, AlertNotifier notifier, Clock clock, URI apiBase) {
        this.timeline = timeline;
        this.notifier = notifier;
        this.clock = clock;
        this.apiBase = apiBase;
    }

    @Override
    public void notify(Handle handle, NotifyRequest request) {
        timeline.notify(handle, request);
        Optional<EventKind> event = eventOf(request);
        // In the step's transaction: if the outbox cannot take it, the state change is not kept either,
        // and the next event of the monitor makes the same change (and its alert) again.
        event.ifPresent(kind -> notifier.notify(handle, notification(request, kind), request.monitor().channels()));
    }

    private static Optional<EventKind> eventOf(NotifyRequest request) {
        return switch (request.transition()) {
            // An escalation announces the incident again, now at its higher severity.
            case OPENED, ESCALATED -> Optional.of(EventKind.INCIDENT_OPENED);
            case RESOLVED -> Optional.of(EventKind.INCIDENT_RESOLVED);
            case FLAPPING -> Optional.of(EventKind.FLAPPING);
            case INSTABILITY -> Optional.of(EventKind.INSTABILITY);
            case STABLE -> Optional.of(EventKind.WARNING);
            // Held back on purpose: the timeline keeps it, nobody is woken for it.
            case MAINTENANCE_SUPPRESSED -> Optional.empty();
        };
    }

    private Notification notification(NotifyRequest request, EventKind event) {
        var monitor = request.monitor();
        Optional<CheckResult> latest = request.latest();
        Optional<Incident> incident = request.incident();
        Cause cause = incident.map(Incident::cause).or(() -> latest.map(r -> r.verdict().cause())).orElse(Cause.OK);
        Optional<Diagnosis> diagnosis = latest.map(Diagnosis::of);
        String summary = switch (request.transition()) {
            case FLAPPING -> "Flapping: the monitor keeps going down and up; one alert stands for all of it";
            case STABLE -> "Stable again: no incident opened or closed for a whole flapping span";
            case INSTABILITY -> "Unstable: brief failures keep coming back (blips); an outage may be brewing";
            case RESOLVED -> request.monitorRemoved()
                    ? "Monitor removed while down — no longer watched: the incident is closed without a recovery"
                    : diagnosis.map(Diagnosis::summary).orElse(cause.id());
            default -> diagnosis.map(Diagnosis::summary).orElse(cause.id());
        };
        String nextStep = request.monitorRemoved() ? "Nothing: Faultline no longer checks it. Add the monitor again to watch it."
                : diagnosis.map(Diagnosis::nextStep).orElse("Look at the monitor's recent results.");
        String key = request.incidentId().map(id -> Reminders.dedupKey(monitor.id(), id))
                .orElse("faultline/" + monitor.id() + "/" + request.transition().name().toLowerCase() + "/"
                        + request.at().toEpochMilli());
        // How long it has been down (or was): from the incident's first failure to now.
        Optional<Duration> downFor = switch (request.transition()) {
            case OPENED, ESCALATED, RESOLVED -> incident.map(i -> Duration.between(i.startedAt(), request.at()))
                    .filter(d -> !d.isNegative());
            case FLAPPING, STABLE, INSTABILITY, MAINTENANCE_SUPPRESSED -> Optional.empty();
        };
        return new Notification(event, monitor.id(), monitor.name(), monitor.spec().url(), request.severity(), cause,
                latest.filter(CheckResult::hasStatus).map(CheckResult::status).orElse(0),
                latest.flatMap(CheckResult::retryAfter), summary, nextStep,
                incident.map(i -> List.copyOf(i.confirmingRegions())).orElse(List.of()),
                request.incidentId().map(String::valueOf), key, clock.instant(), downFor,
                apiBase.resolve(request.incidentId().map(id -> "/api/v1/incidents/" + id)
                        .orElse("/api/v1/monitors/" + monitor.id())), 0,
                event == EventKind.INCIDENT_RESOLVED
                        ? Optional.of(request.monitorRemoved() ? ResolutionReason.MONITOR_REMOVED : ResolutionReason.RECOVERED)
                        : Optional.empty());
    }
}
