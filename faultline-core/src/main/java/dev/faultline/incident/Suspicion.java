package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.incident.Action.Notify;
import dev.faultline.incident.Action.OpenIncident;
import dev.faultline.incident.Action.RecheckNow;
import dev.faultline.incident.Action.RecordBlip;
import dev.faultline.incident.Action.ScheduleDeadline;
import dev.faultline.incident.Event.RegionResult;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SUSPECT phase. A failure asks every healthy region to re-check at once; the incident
 * opens when a quorum of regions is failing within the window, with at least two failing
 * results (the failure and a re-check) and the failure seen for the whole period. While only
 * the period is missing, a new round of re-checks runs at each deadline. When no region is
 * failing any more, or a round closes without a quorum, the episode ends as a blip.
 */
final class Suspicion {

    private Suspicion() {
    }

    static MonitorState begin(MonitorState state, RegionResult first, Context ctx) {
        FailureEpisode episode = FailureEpisode.begin(first, ctx.now(), ctx.policy());
        ctx.emit(new RecheckNow(ctx.quorum().healthyRegions()));
        ctx.emit(new ScheduleDeadline(episode.deadline()));
        return state.withPhase(new Phase.Suspect(episode));
    }

    static MonitorState onResult(MonitorState state, FailureEpisode episode, RegionResult result, Context ctx) {
        FailureEpisode seen = result.failed() ? episode.withFailure(result) : episode;
        MonitorState current = state.withPhase(new Phase.Suspect(seen));
        if (isConfirmed(current, seen, ctx)) return open(current, seen, ctx);
        if (ctx.quorum().failing(current.latestByRegion(), ctx.now()).isEmpty()) return endAsBlip(current, seen, ctx);
        return current;
    }

    static MonitorState onDeadline(MonitorState state, FailureEpisode episode, Context ctx) {
        Instant now = ctx.now();
        if (now.isBefore(episode.deadline())) return state; // a deadline since replaced by a later one
        if (isConfirmed(state, episode, ctx)) return open(state, episode, ctx);
        if (quorumHolds(state, episode, ctx)) {
            // Only the period is missing: the regions keep re-checking, a round at a time.
            FailureEpisode next = episode.nextRound(now, ctx.policy().window());
            ctx.emit(new RecheckNow(ctx.quorum().healthyRegions()));
            ctx.emit(new ScheduleDeadline(next.deadline()));
            return state.withPhase(new Phase.Suspect(next));
        }
        if (!now.isBefore(episode.roundClosesAt())) return endAsBlip(state, episode, ctx);
        FailureEpisode waiting = episode.rescheduled(now); // the period ended before the round closed
        ctx.emit(new ScheduleDeadline(waiting.deadline()));
        return state.withPhase(new Phase.Suspect(waiting));
    }

    private static boolean quorumHolds(MonitorState state, FailureEpisode episode, Context ctx) {
        Quorum quorum = ctx.quorum();
        return episode.failures() >= 2 && quorum.isReachedBy(quorum.failing(state.latestByRegion(), ctx.now()));
    }

    private static boolean isConfirmed(MonitorState state, FailureEpisode episode, Context ctx) {
        return quorumHolds(state, episode, ctx) && episode.hasLastedPeriod();
    }

    // invariant: opens only from SUSPECT, so never a second incident while one is open
    private static MonitorState open(MonitorState state, FailureEpisode episode, Context ctx) {
        Quorum quorum = ctx.quorum();
        Set<String> critical = quorum.failingCritically(state.latestByRegion(), ctx.now());
        boolean pages = quorum.isReachedBy(critical); // client-side failures alone never make a critical incident
        Set<String> confirming = pages ? critical : quorum.failing(state.latestByRegion(), ctx.now());
        Set<String> refused = new TreeSet<>(confirming);
        refused.removeAll(critical);
        // invariant: a warning incident's cause is a client-side one, a critical incident's never is
        Cause cause = prevailingCause(state, pages ? critical : refused);
        Severity severity = pages ? Severity.CRITICAL : Severity.WARNING;
        boolean startedBeforeMaintenance = state.maintenanceSince().map(episode.startedAt()::isBefore).orElse(false);
        Incident incident = new Incident(episode.startedAt(), ctx.now(), cause, severity,
                confirming, state.inMaintenance(), startedBeforeMaintenance, Optional.empty());

        MonitorState counted = state.withStability(Announcements.countTransition(state, severity, ctx));
        Incident opened = incident.announcedAs(Announcements.heardAs(counted, severity));
        ctx.emit(new OpenIncident(opened));
        Announcements.flappingBegins(state, counted, ctx);
        Announcements.opening(counted, severity, Transition.OPENED, ctx);
        int criticalFailures = pages ? 0 : critical.size();
        return counted.withPhase(new Phase.Down(opened, RecoveryProgress.NONE, criticalFailures));
    }

    static Cause prevailingCause(MonitorState state, Set<String> regions) {
        List<Cause> causes = regions.stream().map(region -> state.latestByRegion().get(region).verdict().cause()).toList();
        return Incident.prevailing(causes);
    }

    private static MonitorState endAsBlip(MonitorState state, FailureEpisode episode, Context ctx) {
        MonitorState up = state.withPhase(new Phase.Up());
        if (episode.failuresByRegion().isEmpty()) return up; // only regions since found unhealthy failed: the probes' fault
        ctx.emit(new RecordBlip(episode.toBlip(ctx.now(), state.inMaintenance())));
        if (state.inMaintenance()) return up;
        Threshold instability = ctx.policy().instability();
        Stability counted = state.stability().withBlip(ctx.now(), instability);
        boolean warnedLately = counted.instabilityWarnedAt().map(at -> instability.covers(at, ctx.now())).orElse(false);
        if (warnedLately || !instability.isReachedBy(counted.blips(), ctx.now())) return up.withStability(counted);
        ctx.emit(new Notify(Severity.WARNING, Transition.INSTABILITY, ctx.now()));
        return up.withStability(counted.instabilityWarned(ctx.now()));
    }
}
