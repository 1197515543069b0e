package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.check.Verdict;
import dev.faultline.incident.Action.RecheckNow;
import dev.faultline.incident.Action.ScheduleDeadline;
import dev.faultline.incident.Event.ConfirmationDeadline;
import dev.faultline.incident.Event.MaintenanceEnded;
import dev.faultline.incident.Event.MaintenanceStarted;
import dev.faultline.incident.Event.RegionHealthChanged;
import dev.faultline.incident.Event.RegionResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * The engine's caller as the server will be: it delivers every requested deadline when it is
 * due (stale ones included, which the engine must ignore) and answers each re-check with what
 * the region currently sees. What a region sees is the outcome of its latest scheduled check,
 * so a re-check confirms a failure that is still going on. Plain Java: the generators live in
 * the property test.
 */
final class Simulation {

    /** What a region sees. */
    enum Seen {
        OK, SLOW, SERVER_ERROR, BAD_GATEWAY, CLIENT_ERROR, RATE_LIMITED, NETWORK;

        RegionResult result(String region, Instant at) {
            return switch (this) {
                case OK -> new RegionResult(region, at, new Verdict.Up(), 200);
                case SLOW -> new RegionResult(region, at, new Verdict.Degraded(Cause.SLOW_RESPONSE), 200);
                case SERVER_ERROR -> new RegionResult(region, at, new Verdict.Down(Cause.INTERNAL_SERVER_ERROR), 500);
                case BAD_GATEWAY -> new RegionResult(region, at, new Verdict.Down(Cause.BAD_GATEWAY), 502);
                case CLIENT_ERROR -> new RegionResult(region, at, new Verdict.Down(Cause.NOT_FOUND), 404);
                case RATE_LIMITED -> new RegionResult(region, at, new Verdict.Down(Cause.RATE_LIMITED), 429);
                case NETWORK -> new RegionResult(region, at, new Verdict.Down(Cause.CONNECT_TIMEOUT), 0);
            };
        }
    }

    /** One thing that happens, {@code gapMillis} after the previous one. Regions are numbered. */
    sealed interface Move {
        long gapMillis();
    }

    record Check(int region, Seen seen, long gapMillis) implements Move {
    }

    /** Every region starts seeing the same thing and checks, a few milliseconds apart: an outage or a recovery. */
    record Everywhere(Seen seen, long gapMillis) implements Move {
    }

    record ToggleHealth(int region, long gapMillis) implements Move {
    }

    record ToggleMaintenance(long gapMillis) implements Move {
    }

    /** A deadline nobody asked for: a duplicate or a leftover from before a restart. */
    record StrayDeadline(long gapMillis) implements Move {
    }

    /** Every event the engine got, with the state before it and its step. */
    record Entry(Event event, MonitorState before, Step step) {
        Instant at() {
            return step.state().latestEventAt().orElseThrow();
        }
    }

    private record Due(Instant at, long order, Function<Simulation, Event> event) {
    }

    private static final Duration RECHECK_DELAY = Duration.ofMillis(300);
    private static final int MAX_EVENTS = 20_000;

    private final ConfirmPolicy policy;
    private final IncidentEngine engine;
    private final List<String> regions;
    private final Seen[] seen;
    private final boolean[] healthy;
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::order));
    private final List<Entry> trace = new ArrayList<>();
    private MonitorState state = MonitorState.initial();
    private Instant now = Script.T0;
    private boolean inMaintenance;
    private long order;

    Simulation(ConfirmPolicy policy, int regionCount) {
        this.policy = policy;
        this.regions = regionNames(regionCount);
        this.engine = new IncidentEngine(policy, new LinkedHashSet<>(regions));
        this.seen = new Seen[regionCount];
        Arrays.fill(seen, Seen.OK);
        this.healthy = new boolean[regionCount];
        Arrays.fill(healthy, true);
    }

    static List<String> regionNames(int count) {
        return List.of("r0", "r1", "r2", "r3").subList(0, count);
    }

    /** Plays the moves, then (when asked) heals every region and lets every region succeed for a while. */
    List<Entry> play(List<Move> moves, boolean recoverAtEnd) {
        for (Move move : moves) {
            advance(Duration.ofMillis(move.gapMillis()));
            if (move instanceof Everywhere everywhere) {
                checkEverywhere(everywhere.seen());
            } else {
                send(eventFor(move));
            }
        }
        if (recoverAtEnd) recover();
        advance(Duration.ofDays(1)); // every deadline and re-check still due
        return trace;
    }

    private void checkEverywhere(Seen outcome) {
        Arrays.fill(seen, outcome);
        for (String region : regions) {
            send(outcome.result(region, now));
            advance(Duration.ofMillis(10));
        }
    }

    private Event eventFor(Move move) {
        return switch (move) {
            case Everywhere everywhere -> throw new IllegalArgumentException("played by checkEverywhere");
            case Check check -> {
                int region = check.region() % regions.size();
                seen[region] = check.seen();
                yield check.seen().result(regions.get(region), now);
            }
            case ToggleHealth toggle -> {
                int region = toggle.region() % regions.size();
                healthy[region] = !healthy[region];
                yield new RegionHealthChanged(regions.get(region), healthy[region], now);
            }
            case ToggleMaintenance toggle -> {
                inMaintenance = !inMaintenance;
                yield inMaintenance ? new MaintenanceStarted(now) : new MaintenanceEnded(now);
            }
            case StrayDeadline stray -> new ConfirmationDeadline(now);
        };
    }

    private void recover() {
        Arrays.fill(seen, Seen.OK);
        for (int region = 0; region < regions.size(); region++) {
            if (!healthy[region]) {
                healthy[region] = true;
                send(new RegionHealthChanged(regions.get(region), true, now));
            }
        }
        for (int round = 0; round < policy.recovery() + 1; round++) {
            advance(Duration.ofMinutes(2)); // longer than any window: old failures no longer count
            for (String region : regions) send(Seen.OK.result(region, now));
        }
    }

    private void advance(Duration by) {
        Instant until = now.plus(by);
        while (!due.isEmpty() && !due.peek().at().isAfter(until)) {
            Due next = due.poll();
            now = next.at();
            send(next.event().apply(this));
        }
        now = until;
    }

    private void send(Event event) {
        if (trace.size() >= MAX_EVENTS) throw new IllegalStateException("the engine keeps asking for more: " + MAX_EVENTS + " events");
        MonitorState before = state;
        Step step = engine.apply(state, event);
        state = step.state();
        trace.add(new Entry(event, before, step));
        for (Action action : step.actions()) {
            switch (action) {
                case ScheduleDeadline deadline -> due.add(new Due(deadline.at(), order++, sim -> new ConfirmationDeadline(deadline.at())));
                case RecheckNow recheck -> scheduleRechecks(recheck.regions());
                default -> {
                    // stored or sent by the server; nothing comes back to the engine
                }
            }
        }
    }

    private void scheduleRechecks(Set<String> asked) {
        int nth = 0;
        for (String region : asked) {
            int index = regions.indexOf(region);
            Instant at = now.plus(RECHECK_DELAY).plusMillis(50L * nth++);
            due.add(new Due(at, order++, sim -> sim.seen[index].result(region, at)));
        }
    }
}
