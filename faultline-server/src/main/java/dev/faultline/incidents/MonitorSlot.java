package dev.faultline.incidents;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.incident.ConfirmPolicy;
import dev.faultline.incident.Event;
import dev.faultline.incident.IncidentEngine;
import dev.faultline.incident.MonitorState;
import dev.faultline.monitor.Monitor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One monitor's incident state and what the service remembers beside it. Changed only by tasks
 * on the monitor's stripe (so it needs no lock); {@link #monitor()} and {@link #state} are also
 * read elsewhere (the maintenance timer, status queries), hence volatile.
 */
final class MonitorSlot {

    /** The most failing checks of one suspicion kept for the timeline: the first, and the latest ones. */
    static final int MAX_EPISODE_CHECKS = 20;

    private volatile Monitor monitor;
    private ConfirmPolicy policy;
    private IncidentEngine engine;
    volatile MonitorState state;
    /** Whether the service last asked for this monitor to be in maintenance; set under the service's lock (or by a dropped step). */
    volatile boolean maintenanceAskedFor;
    /** The most events kept waiting behind a failed step; beyond it the oldest go. */
    static final int MAX_DEFERRED = 1000;
    /** A failed step waits for its retry: later events wait behind it ({@link #defer}). */
    boolean retrying;
    private final ArrayDeque<Pending> deferred = new ArrayDeque<>();
    Optional<Long> openIncidentId = Optional.empty();
    Optional<CheckResult> latest = Optional.empty();
    /** The failing checks of the suspicion under way: written to the timeline if it becomes an incident. */
    final List<CheckResult> episodeChecks = new ArrayList<>();
    private final Map<String, Boolean> failingByRegion = new HashMap<>();

    MonitorSlot(Monitor monitor, ConfirmPolicy policy, MonitorState state) {
        this.state = state;
        this.maintenanceAskedFor = state.inMaintenance();
        configure(monitor, policy);
    }

    Monitor monitor() {
        return monitor;
    }

    IncidentEngine engine() {
        return engine;
    }

    /** Takes a changed monitor or policy; the engine is rebuilt only when what it depends on changed. */
    void configure(Monitor monitor, ConfirmPolicy policy) {
        boolean sameEngine = engine != null && policy.equals(this.policy)
                && new LinkedHashSet<>(monitor.regions()).equals(new LinkedHashSet<>(this.monitor.regions()));
        this.monitor = monitor;
        this.policy = policy;
        if (!sameEngine) engine = new IncidentEngine(policy, new LinkedHashSet<>(monitor.regions()));
    }

    /** Notes the result; true when its region went from failing to passing or back (a check that mattered). */
    boolean noteResult(CheckResult result) {
        latest = Optional.of(result);
        Boolean before = failingByRegion.put(result.region(), failed(result));
        return before == null ? failed(result) : before != failed(result);
    }

    void addEpisodeCheck(CheckResult result) {
        // Keep the check that started the suspicion; beyond that, the latest ones.
        if (episodeChecks.size() == MAX_EPISODE_CHECKS) episodeChecks.remove(1);
        episodeChecks.add(result);
    }

    /** What a step may change, kept to be put back when the step's transaction fails. */
    Saved save() {
        return new Saved(state, openIncidentId, latest, List.copyOf(episodeChecks), Map.copyOf(failingByRegion));
    }

    /** As it was before a step whose writes were rolled back: the next event makes the same step again. */
    void restore(Saved saved) {
        state = saved.state();
        openIncidentId = saved.openIncidentId();
        latest = saved.latest();
        episodeChecks.clear();
        episodeChecks.addAll(saved.episodeChecks());
        failingByRegion.clear();
        failingByRegion.putAll(saved.failingByRegion());
    }

    /** Keeps the event for after the retry; false when the oldest kept one had to go to make room. */
    boolean defer(Pending pending) {
        boolean room = deferred.size() < MAX_DEFERRED;
        if (!room) deferred.removeFirst();
        deferred.addLast(pending);
        return room;
    }

    Optional<Pending> nextDeferred() {
        return Optional.ofNullable(deferred.pollFirst());
    }

    /** An event that came while a failed step waited for its retry. */
    record Pending(Event event, Optional<CheckResult> result) {
    }

    record Saved(MonitorState state, Optional<Long> openIncidentId, Optional<CheckResult> latest,
                 List<CheckResult> episodeChecks, Map<String, Boolean> failingByRegion) {
    }

    static boolean failed(CheckResult result) {
        return result.verdict() instanceof Verdict.Down;
    }
}
