package dev.faultline.incidents;

import dev.faultline.check.CheckResult;
import dev.faultline.incident.Action;
import dev.faultline.incident.Action.EscalateIncident;
import dev.faultline.incident.Action.MarkStartedBeforeMaintenance;
import dev.faultline.incident.Action.Notify;
import dev.faultline.incident.Action.OpenIncident;
import dev.faultline.incident.Action.RecheckNow;
import dev.faultline.incident.Action.RecordBlip;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Action.ScheduleDeadline;
import dev.faultline.incident.Event;
import dev.faultline.incident.Incident;
import dev.faultline.incident.MonitorState;
import dev.faultline.incident.Phase;
import dev.faultline.incident.Step;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.IncidentRepository;
import dev.faultline.store.BlipRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * Carries out one step of a monitor's engine, in the order of its actions: re-checks, deadlines,
 * incidents and blips in the store, notifications, and the incident's timeline (the checks that
 * mattered, maintenance and status changes while it is open).
 *
 * <p>Everything the step stores, its notifications included, is written with the caller's
 * {@link Handle}, inside one transaction: an incident is never open without its alert in the
 * outbox, nor resolved without its resolution. Re-checks and deadlines act outside the database,
 * so they start only once that transaction has committed.
 */
final class StepEffects {

    private final IncidentRepository incidents;
    private final BlipRepository blips;
    private final Rechecks rechecks;
    private final Notifications notifications;
    private final BiConsumer<String, Instant> deadlines;

    StepEffects(IncidentRepository incidents, BlipRepository blips, Rechecks rechecks, Notifications notifications,
                BiConsumer<String, Instant> deadlines) {
        this.incidents = incidents;
        this.blips = blips;
        this.rechecks = rechecks;
        this.notifications = notifications;
        this.deadlines = deadlines;
    }

    void carryOut(Handle handle, MonitorSlot slot, Event event, MonitorState before, Step step, Optional<CheckResult> result) {
        String monitorId = slot.monitor().id();
        Instant now = step.state().latestEventAt().orElse(event.at());
        result.ifPresent(r -> evidence(handle, slot, before, step, r));
        if (event instanceof Event.MaintenanceEnded) slot.openIncidentId.ifPresent(id -> incidents.append(handle, id, Timeline.maintenance(false, now)));
        Optional<Long> resolvedId = Optional.empty();
        Optional<Incident> resolved = Optional.empty();
        for (Action action : step.actions()) {
            switch (action) {
                case RecheckNow recheck -> handle.afterCommit(() -> rechecks.recheck(monitorId, recheck.regions()));
                case ScheduleDeadline deadline -> handle.afterCommit(() -> deadlines.accept(monitorId, deadline.at()));
                case OpenIncident open -> open(handle, slot, open.incident(), result);
                case EscalateIncident escalate -> slot.openIncidentId.ifPresent(id -> {
                    incidents.escalate(handle, id, escalate.incident());
                    incidents.append(handle, id, Timeline.escalated(escalate.incident(), now));
                });
                case MarkStartedBeforeMaintenance mark -> slot.openIncidentId.ifPresent(id -> {
                    incidents.markStartedBeforeMaintenance(handle, id);
                    incidents.append(handle, id, Timeline.maintenance(true, mark.maintenanceStartedAt()));
                });
                case ResolveIncident resolve -> {
                    resolvedId = slot.openIncidentId;
                    resolved = Optional.of(resolve.incident());
                    slot.openIncidentId.ifPresent(id -> {
                        incidents.resolve(handle, id, Optional.of(resolve.recoveredAt()), resolve.resolvedAt(), IncidentRecord.RECOVERED);
                        incidents.append(handle, id, Timeline.resolved(resolve));
                    });
                    slot.openIncidentId = Optional.empty();
                }
                case RecordBlip blip -> blips.record(handle, monitorId, blip.blip());
                case Notify notify -> notifications.notify(handle, request(slot, notify, step, resolvedId, resolved));
            }
        }
        if (before.phase() instanceof Phase.Down && step.state().phase() instanceof Phase.Down
                && before.status() != step.state().status()) {
            slot.openIncidentId.ifPresent(id -> incidents.append(handle, id, Timeline.status(before.status(), step.state().status(), now)));
        }
    }

    /** About the open incident, or the one this step resolved (a RESOLVED notification follows its resolve). */
    private static NotifyRequest request(MonitorSlot slot, Notify notify, Step step, Optional<Long> resolvedId,
                                         Optional<Incident> resolved) {
        Optional<Long> incidentId = slot.openIncidentId.isPresent() ? slot.openIncidentId : resolvedId;
        Optional<Incident> incident = step.state().openIncident().isPresent() ? step.state().openIncident() : resolved;
        return new NotifyRequest(slot.monitor(), notify.severity(), notify.transition(), notify.at(), incidentId, incident,
                slot.latest);
    }

    private void open(Handle handle, MonitorSlot slot, Incident incident, Optional<CheckResult> result) {
        long id = incidents.open(handle, slot.monitor().id(), slot.monitor().name(), incident);
        slot.openIncidentId = Optional.of(id);
        for (CheckResult check : slot.episodeChecks) incidents.append(handle, id, Timeline.check(check));
        Optional<CheckResult> evidence = result.filter(MonitorSlot::failed)
                .or(() -> slot.episodeChecks.isEmpty() ? Optional.empty() : Optional.of(slot.episodeChecks.getLast()));
        incidents.append(handle, id, Timeline.opened(incident, evidence));
        slot.episodeChecks.clear();
    }

    /** True when the step stores nothing: the monitor was up and stays up, with nothing to do. */
    static boolean staysUp(MonitorState before, Step step) {
        return before.phase() instanceof Phase.Up && step.state().phase() instanceof Phase.Up && step.actions().isEmpty();
    }

    /** What {@link #carryOut} does for a step that {@link #staysUp}: it only remembers the result. */
    static void noteUp(MonitorSlot slot, CheckResult result) {
        slot.noteResult(result);
        slot.episodeChecks.clear();
    }

    /** Keeps the checks that matter: those of a suspicion, and while an incident is open, each change of a region. */
    private void evidence(Handle handle, MonitorSlot slot, MonitorState before, Step step, CheckResult result) {
        boolean changed = slot.noteResult(result);
        boolean opens = step.actions().stream().anyMatch(OpenIncident.class::isInstance);
        if (MonitorSlot.failed(result) && (opens || step.state().phase() instanceof Phase.Suspect)) slot.addEpisodeCheck(result);
        if (step.state().phase() instanceof Phase.Up) slot.episodeChecks.clear();
        boolean decides = step.actions().stream().anyMatch(a -> a instanceof ResolveIncident || a instanceof EscalateIncident);
        if (before.phase() instanceof Phase.Down && (changed || decides)) {
            slot.openIncidentId.ifPresent(id -> incidents.append(handle, id, Timeline.check(result)));
        }
    }
}
