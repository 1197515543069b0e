package dev.faultline.incidents;

import dev.faultline.alert.Notification;
import dev.faultline.check.CheckResult;
import dev.faultline.check.MonitorSpec;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.incident.Incident;
import dev.faultline.incident.MonitorState;
import dev.faultline.incident.Phase;
import dev.faultline.incident.Transition;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store held when the server started: each monitor's engine state and open incidents,
 * handed out once as the monitor is first given, and the leftovers of monitors that are gone.
 * Closes the incidents of monitors removed, while running or while stopped, and tells the channels
 * that heard the opening (a page left open for a monitor nobody watches would stay open for ever).
 */
final class SavedStates {

    private static final Logger log = LoggerFactory.getLogger(SavedStates.class);
    private static final Function<Handle, Optional<NotifyRequest>> NOBODY = handle -> Optional.empty();

    private final Store store;
    private final Clock clock;
    private final Notifications notifications;
    private Map<String, MonitorState> states;
    private Map<String, List<IncidentRecord>> open;

    SavedStates(Store store, Clock clock, Notifications notifications) {
        this.store = store;
        this.clock = clock;
        this.notifications = notifications;
        this.states = new HashMap<>(store.states().loadAll());
        this.open = new HashMap<>(store.incidents().allOpen().stream().collect(Collectors.groupingBy(IncidentRecord::monitorId)));
    }

    /** The monitor as it was before the restart (or up, when it is new), with its open incident paired to its row. */
    MonitorSlot restore(Monitor monitor, ConfirmPolicy policy) {
        MonitorState state = states == null ? MonitorState.initial() : states.getOrDefault(monitor.id(), MonitorState.initial());
        List<IncidentRecord> rows = open == null ? List.of() : open.getOrDefault(monitor.id(), List.of());
        if (states != null) {
            states.remove(monitor.id());
            open.remove(monitor.id());
        }
        MonitorSlot slot = new MonitorSlot(monitor, policy, state);
        reconcile(slot, rows);
        return slot;
    }

    /**
     * After the first full set of monitors: closes what the store still holds for monitors that no
     * longer exist (taken out of the config file while the server was stopped). As for a monitor
     * removed while running ({@link #retire}), an incident people heard of is resolved for them in
     * the transaction that closes it, so that a crash before it commits sends nothing and a restart
     * after it finds nothing left to close: the resolution goes out once.
     */
    void forgetVanished() {
        if (states == null) return;
        Instant now = clock.instant();
        open.forEach((monitorId, rows) -> {
            // The saved state's incident is the newest row (as in reconcile); older rows it never knew close quietly.
            List<IncidentRecord> unpaired = new ArrayList<>(rows);
            IncidentRecord paired = unpaired.removeLast();
            Optional<Incident> announced = announced(states.get(monitorId));
            Optional<CheckResult> latest = announced.isPresent() ? store.results().latest(monitorId) : Optional.empty();
            close(paired.id(), "monitor_removed", "the monitor no longer exists", now,
                    handle -> announced.flatMap(incident -> vanishedRemoval(handle, paired, incident, latest, now)));
            unpaired.forEach(row -> close(row.id(), "monitor_removed", "the monitor no longer exists", now, NOBODY));
        });
        states.keySet().forEach(id -> store.states().delete(id));
        states = null;
        open = null;
    }

    /**
     * A monitor removed while running: its incident closes, its state goes. An incident people
     * heard of is resolved for them in the same transaction, saying why (not a recovery), at the
     * severity it was announced at, so that it reaches the channels the opening reached.
     */
    void retire(MonitorSlot slot) {
        Instant now = clock.instant();
        slot.openIncidentId.ifPresent(id -> close(id, "monitor_removed", "the monitor was removed", now,
                handle -> removal(slot, id, now)));
        store.states().delete(slot.monitor().id());
    }

    private static Optional<NotifyRequest> removal(MonitorSlot slot, long incidentId, Instant at) {
        if (!(slot.state.phase() instanceof Phase.Down down)) return Optional.empty();
        return down.incident().announcedAs().map(severity -> new NotifyRequest(slot.monitor(), severity, Transition.RESOLVED, at,
                Optional.of(incidentId), Optional.of(down.incident()), slot.latest, true));
    }

    /** The saved state's incident when people were told of it: only then is its end announced. */
    private static Optional<Incident> announced(MonitorState state) {
        if (state == null || !(state.phase() instanceof Phase.Down down)) return Optional.empty();
        return down.incident().announcedAs().isPresent() ? Optional.of(down.incident()) : Optional.empty();
    }

    /**
     * The resolution of a vanished monitor's announced incident. The monitor is gone from the
     * config, so what the resolution says of it (name, URL) comes from the opening the channels
     * heard; it names no channels of its own, as a resolution goes to those that heard the opening.
     * No opening in the outbox (no channel took it, or it was pruned) means nobody to tell.
     */
    private Optional<NotifyRequest> vanishedRemoval(Handle handle, IncidentRecord row, Incident incident,
                                                    Optional<CheckResult> latest, Instant at) {
        Optional<Notification> opening = store.outbox().latestOpening(handle, Reminders.dedupKey(row.monitorId(), row.id()));
        if (opening.isEmpty()) return Optional.empty();
        Monitor gone;
        try {
            List<String> regions = opening.get().regions().isEmpty() ? row.regions() : opening.get().regions();
            gone = new Monitor(row.monitorId(), MonitorSpec.builder(opening.get().monitorUrl()).name(opening.get().monitorName())
                    .build(), regions.isEmpty() ? List.of("local") : regions, List.of(), List.of(), Monitor.Source.CONFIG);
        } catch (IllegalArgumentException e) {
            // A start must not fail over one old alert: the incident still closes, without its resolution.
            log.warn("incident {}: its opening does not describe monitor {} well enough to announce its removal: {}", row.id(),
                    row.monitorId(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new NotifyRequest(gone, incident.announcedAs().orElseThrow(), Transition.RESOLVED, at,
                Optional.of(row.id()), Optional.of(incident), latest, true));
    }

    /**
     * Pairs the state's open incident with its stored row. A step stores its incident and the state
     * in one transaction, so they agree; rows the state does not know (left by versions that wrote
     * them apart) are closed here, as the engine opens a new one if the failure goes on.
     */
    private void reconcile(MonitorSlot slot, List<IncidentRecord> rows) {
        List<IncidentRecord> unpaired = new ArrayList<>(rows);
        if (slot.state.phase() instanceof Phase.Down down) {
            slot.openIncidentId = unpaired.isEmpty()
                    ? Optional.of(store.incidents().open(slot.monitor().id(), slot.monitor().name(), down.incident()))
                    : Optional.of(unpaired.removeLast().id());
        }
        Instant now = clock.instant();
        for (IncidentRecord row : unpaired) {
            close(row.id(), "abandoned", "the engine's saved state had no open incident at restart: closed without a recovery", now,
                    NOBODY);
        }
    }

    /** @param resolution what to announce, if anything, found inside the closing transaction */
    private void close(long incidentId, String reason, String note, Instant at, Function<Handle, Optional<NotifyRequest>> resolution) {
        store.inTransaction(handle -> {
            store.incidents().resolve(handle, incidentId, Optional.empty(), at, reason);
            store.incidents().append(handle, incidentId, Timeline.closed(reason, note, at));
            resolution.apply(handle).ifPresent(request -> notifications.notify(handle, request));
            return null;
        });
        log.info("incident {} closed: {}", incidentId, note);
    }
}
