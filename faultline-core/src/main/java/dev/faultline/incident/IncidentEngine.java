package dev.faultline.incident;

import dev.faultline.incident.Action.MarkStartedBeforeMaintenance;
import dev.faultline.incident.Event.ConfirmationDeadline;
import dev.faultline.incident.Event.MaintenanceEnded;
import dev.faultline.incident.Event.MaintenanceStarted;
import dev.faultline.incident.Event.RegionHealthChanged;
import dev.faultline.incident.Event.RegionResult;
import dev.faultline.incident.Stability.Flapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The incident state machine of one monitor (DESIGN.md §3): a pure function from a state and
 * an event to the next state and the actions to carry out. No clock and no I/O: time comes in
 * with the events, and deadlines go out as {@link Action.ScheduleDeadline} for the caller to
 * deliver back as {@link ConfirmationDeadline}.
 *
 * <pre>
 *   UP ──failure──► SUSPECT ──quorum in window, lasted period──► DOWN ──recovery rounds──► UP
 *                      └──re-checks succeed / round closes without quorum──► UP (blip)
 * </pre>
 *
 * Up and degraded verdicts count as up. A quorum of client-side (4xx) failures opens a warning
 * incident, never a critical one: it reaches people without paging them, and escalates if a
 * quorum of regions later fails on the server side. Opens and resolves in quick succession
 * make the monitor FLAPPING (one alert); frequent blips raise one instability warning.
 */
public final class IncidentEngine {

    private final ConfirmPolicy policy;
    private final Set<String> monitorRegions;

    /** @param monitorRegions the probe regions that check this monitor; results from others are ignored */
    public IncidentEngine(ConfirmPolicy policy, Set<String> monitorRegions) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.monitorRegions = Collections.unmodifiableSortedSet(new TreeSet<>(monitorRegions));
    }

    public Step apply(MonitorState state, Event event) {
        Instant now = state.latestEventAt().filter(latest -> latest.isAfter(event.at())).orElse(event.at());
        MonitorState clocked = state.withLatestEventAt(now);
        List<Action> actions = new ArrayList<>();
        MonitorState next = switch (event) {
            case RegionResult result -> onResult(clocked, result, context(clocked, now, actions));
            case ConfirmationDeadline deadline -> clocked.phase() instanceof Phase.Suspect suspect
                    ? Suspicion.onDeadline(clocked, suspect.episode(), context(clocked, now, actions))
                    : clocked; // the episode it was for is over
            case MaintenanceStarted started -> startMaintenance(clocked, context(clocked, now, actions));
            case MaintenanceEnded ended -> endMaintenance(clocked, context(clocked, now, actions));
            case RegionHealthChanged change -> changeHealth(clocked, change);
        };
        return new Step(settleFlapping(next, context(next, now, actions)), actions);
    }

    private Context context(MonitorState state, Instant now, List<Action> actions) {
        return new Context(policy, Quorum.of(policy, monitorRegions, state.unhealthyRegions()), now, actions);
    }

    private MonitorState onResult(MonitorState state, RegionResult result, Context ctx) {
        String region = result.region();
        // An unhealthy region's results are the caller's to keep; they never count here.
        if (!monitorRegions.contains(region) || state.unhealthyRegions().contains(region)) return state;
        RegionResult previous = state.latestByRegion().get(region);
        if (previous != null && result.at().isBefore(previous.at())) return state; // late: a newer one already counts
        MonitorState recorded = state.withLatest(result);
        return switch (recorded.phase()) {
            case Phase.Up up -> result.failed() ? Suspicion.begin(recorded, result, ctx) : recorded;
            case Phase.Suspect suspect -> Suspicion.onResult(recorded, suspect.episode(), result, ctx);
            case Phase.Down down -> Outage.onResult(recorded, down, result, ctx);
        };
    }

    private static MonitorState startMaintenance(MonitorState state, Context ctx) {
        if (state.inMaintenance()) return state;
        MonitorState inWindow = state.withMaintenanceSince(Optional.of(ctx.now()));
        if (!(inWindow.phase() instanceof Phase.Down down)) return inWindow;
        ctx.emit(new MarkStartedBeforeMaintenance(down.incident().startedAt(), ctx.now()));
        return inWindow.withPhase(down.withIncident(down.incident().markedStartedBeforeMaintenance()));
    }

    // An incident still open when the window ends was never announced: it is, now.
    private static MonitorState endMaintenance(MonitorState state, Context ctx) {
        if (!state.inMaintenance()) return state;
        return Announcements.outstanding(state.withMaintenanceSince(Optional.empty()), ctx);
    }

    private static MonitorState changeHealth(MonitorState state, RegionHealthChanged change) {
        MonitorState changed = state.withRegionHealth(change.region(), change.healthy());
        if (change.healthy()) return changed;
        return switch (changed.phase()) {
            case Phase.Up up -> changed;
            case Phase.Suspect suspect -> changed.withPhase(new Phase.Suspect(suspect.episode().withoutRegion(change.region())));
            case Phase.Down down -> changed.withPhase(down.withRecovery(down.recovery().withoutRegion(change.region())));
        };
    }

    // Flapping ends after a whole span without an incident transition; an incident open by then is announced.
    private MonitorState settleFlapping(MonitorState state, Context ctx) {
        Stability stability = state.stability();
        if (!stability.isFlapping() || !stability.quietFor(policy.flapping(), ctx.now())) return state;
        Announcements.closing(stability.flapping().map(Flapping::severity), Transition.STABLE, ctx);
        return Announcements.outstanding(state.withStability(stability.steady()), ctx);
    }
}
