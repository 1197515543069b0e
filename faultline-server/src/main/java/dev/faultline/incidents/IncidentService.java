package dev.faultline.incidents;

import dev.faultline.check.CheckResult;
import dev.faultline.incident.Event;
import dev.faultline.incident.Event.ConfirmationDeadline;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.MonitorState;
import dev.faultline.incident.Status;
import dev.faultline.incident.Step;
import dev.faultline.maintenance.MaintenanceCalendar;
import dev.faultline.monitor.Monitor;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the incident engine for every monitor (DESIGN.md §3): each check result, confirmation
 * deadline and maintenance change becomes an event for the monitor's {@link MonitorState}, and
 * the step's actions are carried out ({@link StepEffects}). The state is saved whenever it changes
 * in a way that matters, so that an incident open at shutdown is open after a restart, in the
 * same state, with its pending deadline set again.
 *
 * <p>{@link #accept} is on every check's path: it only hands the result to the monitor's stripe.
 */
public final class IncidentService {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    static final int MAX_ACK_BY = 200;
    public static final int MAX_ACK_NOTE = 2000;
    /** A step whose write fails is tried this many times in all (about two and a half minutes) before its event is dropped. */
    static final int MAX_ATTEMPTS = 9;
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private final Clock clock;
    private final Store store;
    private final Alarms alarms;
    private final KeyedExecutor stripes;
    private final StepEffects effects;
    private final Map<String, MonitorSlot> slots = new ConcurrentHashMap<>();
    private final SavedStates saved;
    private volatile ConfirmPolicies policies;
    private volatile MaintenanceCalendar calendar;
    // The monitors as last given: a changed one's slot takes it on its stripe, later than maintenance must see it.
    private Map<String, Monitor> monitors = Map.of();
    private long maintenanceGeneration;
    // Probe regions judged to have lost their own connectivity: every monitor of theirs hears it, new ones too.
    private final Set<String> unhealthyRegions = new HashSet<>();

    public IncidentService(Clock clock, Store store, Rechecks rechecks, Notifications notifications, Alarms alarms,
                           KeyedExecutor stripes, ConfirmPolicies policies, MaintenanceCalendar calendar) {
        this.clock = clock;
        this.store = store;
        this.alarms = alarms;
        this.stripes = stripes;
        this.policies = Objects.requireNonNull(policies, "policies");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.effects = new StepEffects(store.incidents(), store.blips(), rechecks, notifications, this::setDeadline);
        this.saved = new SavedStates(store, clock, notifications);
    }

    /** Takes a check result from the scheduler (or an agent): cheap, the work happens on the monitor's stripe. */
    public void accept(CheckResult result) {
        MonitorSlot slot = slots.get(result.monitor());
        if (slot == null) return; // a monitor removed while its check was under way
        stripes.execute(result.monitor(), () -> apply(slot, RegionResult.of(result), Optional.of(result)));
    }

    /**
     * Makes these the monitors: a new one starts from its saved state (or up), a changed one keeps
     * its state under the new regions and policy, a removed one has its open incident closed. The
     * first call also closes what the store held for monitors that no longer exist.
     */
    public synchronized void replaceMonitors(Collection<Monitor> monitors) {
        this.monitors = monitors.stream().collect(Collectors.toUnmodifiableMap(Monitor::id, m -> m, (a, b) -> b));
        for (String id : List.copyOf(slots.keySet())) {
            if (!this.monitors.containsKey(id)) {
                MonitorSlot removed = slots.remove(id);
                stripes.execute(id, () -> saved.retire(removed));
            }
        }
        for (Monitor monitor : monitors) {
            MonitorSlot slot = slots.get(monitor.id());
            if (slot == null) {
                MonitorSlot restored = saved.restore(monitor, policies.policyFor(monitor.id()));
                restored.state.pendingDeadline().ifPresent(at -> setDeadline(monitor.id(), at));
                slots.put(monitor.id(), restored); // before any result of it can arrive
                settleRegionHealth(restored, clock.instant());
            } else {
                stripes.execute(monitor.id(), () -> slot.configure(monitor, policies.policyFor(monitor.id())));
            }
        }
        saved.forgetVanished();
        refreshMaintenance();
    }

    /** Takes changed confirm settings (a reloaded config file). */
    public synchronized void configure(ConfirmPolicies changed) {
        this.policies = Objects.requireNonNull(changed, "changed");
        slots.values().forEach(slot -> stripes.execute(slot.monitor().id(),
                () -> slot.configure(slot.monitor(), changed.policyFor(slot.monitor().id()))));
    }

    /** Takes changed maintenance windows: monitors enter or leave maintenance at once if the change says so. */
    public synchronized void replaceCalendar(MaintenanceCalendar changed) {
        this.calendar = Objects.requireNonNull(changed, "changed");
        refreshMaintenance();
    }

    /**
     * Someone takes the incident on: recorded with who and when (and the note) in the incident
     * and its timeline, in one transaction; its reminders and escalation stop. Idempotent: an
     * incident acknowledged before keeps its first acknowledgement. This is what the API's
     * {@code POST /api/v1/incidents/{id}/ack} and the dashboard call.
     *
     * @param by   who acknowledges: the signed-in user, a token's label, or what the caller says
     * @param note an optional word for the timeline
     * @throws IllegalArgumentException naming {@code by} or {@code note} when it is empty or too long
     */
    public AckOutcome acknowledge(long id, String by, Optional<String> note) {
        if (by == null || by.isBlank()) throw new IllegalArgumentException("by: must not be empty");
        if (by.length() > MAX_ACK_BY) throw new IllegalArgumentException("by: at most " + MAX_ACK_BY + " characters");
        Objects.requireNonNull(note, "note");
        if (note.isPresent() && note.get().length() > MAX_ACK_NOTE) {
            throw new IllegalArgumentException("note: at most " + MAX_ACK_NOTE + " characters");
        }
        IncidentRecord.Acknowledgement ack = new IncidentRecord.Acknowledgement(clock.instant(), by.strip(),
                note.map(String::strip).filter(n -> !n.isEmpty()));
        boolean now = store.inTransaction(handle -> {
            boolean first = store.incidents().acknowledge(handle, id, ack);
            if (first) store.incidents().append(handle, id, Timeline.acknowledged(ack));
            return first;
        });
        Optional<IncidentRecord> incident = store.incidents().find(id);
        if (incident.isEmpty()) return new AckOutcome.NotFound(id);
        if (incident.get().acknowledgement().isPresent()) return new AckOutcome.Acknowledged(incident.get(), now);
        return new AckOutcome.AlreadyResolved(incident.get());
    }

    /**
     * A probe region lost its own connectivity, or has it back: every monitor it checks stops (or
     * starts again) counting its results. Handed to each monitor's stripe, ahead of any result
     * accepted after this call.
     */
    public synchronized void regionHealth(String region, boolean healthy, Instant at) {
        if (healthy) {
            unhealthyRegions.remove(region);
        } else {
            unhealthyRegions.add(region);
        }
        slots.values().forEach(slot -> {
            if (slot.monitor().regions().contains(region)) settleRegionHealth(slot, at);
        });
    }

    // The slot's state may remember regions from before a restart, or miss a region that fell before the monitor came.
    private void settleRegionHealth(MonitorSlot slot, Instant at) {
        Set<String> unhealthy = Set.copyOf(unhealthyRegions);
        stripes.execute(slot.monitor().id(), () -> {
            for (String region : slot.monitor().regions()) {
                boolean healthy = !unhealthy.contains(region);
                if (slot.state.unhealthyRegions().contains(region) == healthy) {
                    apply(slot, new Event.RegionHealthChanged(region, healthy, at), Optional.empty());
                }
            }
            for (String region : Set.copyOf(slot.state.unhealthyRegions())) {
                if (!slot.monitor().regions().contains(region)) {
                    apply(slot, new Event.RegionHealthChanged(region, true, at), Optional.empty());
                }
            }
        });
    }

    /** The monitor's status as the engine sees it (UP, SUSPECT, DOWN or FLAPPING); empty for an unknown monitor. */
    public Optional<Status> status(String monitorId) {
        MonitorSlot slot = slots.get(monitorId);
        if (slot == null) return Optional.empty();
        return Optional.of(slot.state.status());
    }

    /**
     * Applies the event and stores what it changed in one transaction: incidents, timeline, blips,
     * the alerts that announce them and the engine's state. A crash leaves all of it or none; a
     * failed write puts the monitor back as it was and the same event is tried again after a
     * backoff ({@link #retryDelay}). Until then the monitor's later events wait behind it, so that
     * they are applied in the order they came.
     */
    private void apply(MonitorSlot slot, Event event, Optional<CheckResult> result) {
        if (slot.retrying) {
            if (!slot.defer(new MonitorSlot.Pending(event, result))) {
                log.warn("{}: too many events wait behind a failed step; the oldest is dropped", slot.monitor().id());
            }
            return;
        }
        step(slot, event, result, 1);
    }

    /** The event again, then those that came while it waited, in order, unless one of them fails in turn. */
    private void retry(MonitorSlot slot, Event event, Optional<CheckResult> result, int attempt) {
        if (slots.get(slot.monitor().id()) != slot) return; // the monitor was removed meanwhile
        slot.retrying = false;
        step(slot, event, result, attempt);
        while (!slot.retrying) {
            Optional<MonitorSlot.Pending> next = slot.nextDeferred();
            if (next.isEmpty()) return;
            step(slot, next.get().event(), next.get().result(), 1);
        }
    }

    private void step(MonitorSlot slot, Event event, Optional<CheckResult> result, int attempt) {
        MonitorState before = slot.state;
        Step step = slot.engine().apply(before, event);
        boolean changed = !step.actions().isEmpty() || !sameApartFromLatest(before, step.state());
        // The common path (up, and staying up) writes nothing, and so takes no transaction.
        if (!changed && StepEffects.staysUp(before, step)) {
            slot.state = step.state();
            result.ifPresent(r -> StepEffects.noteUp(slot, r));
            return;
        }
        MonitorSlot.Saved saved = slot.save();
        try {
            store.inTransaction(handle -> {
                slot.state = step.state();
                effects.carryOut(handle, slot, event, before, step, result);
                // The latest results alone do not warrant a write of the state.
                if (changed) store.states().save(handle, slot.monitor().id(), step.state(), clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            slot.restore(saved);
            failed(slot, event, result, attempt, e);
        }
    }

    private void failed(MonitorSlot slot, Event event, Optional<CheckResult> result, int attempt, RuntimeException e) {
        String id = slot.monitor().id();
        String kind = event.getClass().getSimpleName();
        if (attempt < MAX_ATTEMPTS) {
            Duration delay = retryDelay(attempt);
            log.warn("{}: could not store the incident engine's step for {} (attempt {} of {}); trying again in {}",
                    id, kind, attempt, MAX_ATTEMPTS, delay, e);
            slot.retrying = true;
            alarms.set(clock.instant().plus(delay), () -> stripes.execute(id, () -> retry(slot, event, result, attempt + 1)));
            return;
        }
        log.error("{}: could not store the incident engine's step for {} after {} attempts; the event is dropped",
                id, kind, MAX_ATTEMPTS, e);
        // What was asked for must match the state put back, or nothing would ever ask again.
        if (event instanceof Event.MaintenanceStarted || event instanceof Event.MaintenanceEnded) {
            slot.maintenanceAskedFor = slot.state.inMaintenance();
        }
        if (event instanceof ConfirmationDeadline) {
            slot.state.pendingDeadline().ifPresent(at -> setDeadline(id, clock.instant().plus(MAX_RETRY_DELAY)));
        }
    }

    /** 2 s after the first failure, doubling up to {@link #MAX_RETRY_DELAY}. */
    static Duration retryDelay(int failures) {
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(failures - 1, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static boolean sameApartFromLatest(MonitorState a, MonitorState b) {
        return a.phase().equals(b.phase()) && a.stability().equals(b.stability())
                && a.maintenanceSince().equals(b.maintenanceSince()) && a.unhealthyRegions().equals(b.unhealthyRegions());
    }

    private void setDeadline(String monitorId, Instant at) {
        alarms.set(at, () -> stripes.execute(monitorId, () -> {
            MonitorSlot slot = slots.get(monitorId);
            if (slot == null) return;
            Instant now = clock.instant();
            apply(slot, new ConfirmationDeadline(now.isAfter(at) ? now : at), Optional.empty());
        }));
    }

    /**
     * Tells every monitor under a window that its maintenance began, or ended, and sets one alarm
     * for the next boundary of any window. An alarm from before a reload finds a newer generation and does nothing.
     */
    private synchronized void refreshMaintenance() {
        long generation = ++maintenanceGeneration;
        MaintenanceCalendar calendar = this.calendar;
        Instant now = clock.instant();
        Optional<Instant> next = Optional.empty();
        for (MonitorSlot slot : slots.values()) {
            Monitor monitor = monitors.getOrDefault(slot.monitor().id(), slot.monitor());
            boolean inside = calendar.inMaintenance(monitor.id(), monitor.tags(), now);
            // Only a change from what was last asked for needs a task; the stripe applies them in the order asked.
            if (inside != slot.maintenanceAskedFor) {
                slot.maintenanceAskedFor = inside;
                stripes.execute(monitor.id(), () -> {
                    if (inside == slot.state.inMaintenance()) return;
                    apply(slot, inside ? new Event.MaintenanceStarted(now) : new Event.MaintenanceEnded(now), Optional.empty());
                });
            }
            Optional<Instant> change = calendar.nextChange(monitor.id(), monitor.tags(), now);
            if (change.isPresent() && (next.isEmpty() || change.get().isBefore(next.get()))) next = change;
        }
        next.ifPresent(at -> alarms.set(at, () -> {
            synchronized (this) {
                if (generation == maintenanceGeneration) refreshMaintenance();
            }
        }));
    }
}
