package dev.faultline.incident;

import dev.faultline.check.Severity;
import dev.faultline.incident.Action.EscalateIncident;
import dev.faultline.incident.Action.RecheckNow;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Event.RegionResult;

import java.util.Set;

/**
 * The DOWN phase: the open incident resolves after {@link ConfirmPolicy#recovery()} consecutive
 * successful rounds, and a warning (client-side) incident escalates to critical when a quorum
 * of regions fails on the server, network or content side.
 */
final class Outage {

    private Outage() {
    }

    static MonitorState onResult(MonitorState state, Phase.Down down, RegionResult result, Context ctx) {
        Quorum quorum = ctx.quorum();
        boolean quorumFails = result.failed() && quorum.isReachedBy(quorum.failing(state.latestByRegion(), ctx.now()));
        // A quorum failing again (within the window, or within the round) starts recovery over; one region alone does not.
        RecoveryProgress progress = quorumFails ? RecoveryProgress.NONE : down.recovery().withResult(result, ctx.now(), quorum);
        if (progress.rounds() >= ctx.policy().recovery()) return resolve(state, down.incident(), progress, ctx);
        return escalation(state.withPhase(down.withRecovery(progress)), result, ctx);
    }

    // invariant: resolves only from DOWN, so every resolve closes the one open incident
    private static MonitorState resolve(MonitorState state, Incident incident, RecoveryProgress progress, Context ctx) {
        ctx.emit(new ResolveIncident(incident, progress.since().orElse(ctx.now()), ctx.now()));
        Announcements.closing(incident.announcedAs(), Transition.RESOLVED, ctx);
        MonitorState up = state.withPhase(new Phase.Up())
                .withStability(Announcements.countTransition(state, incident.severity(), ctx));
        Announcements.flappingBegins(state, up, ctx);
        return up;
    }

    private static MonitorState escalation(MonitorState state, RegionResult result, Context ctx) {
        Phase.Down down = (Phase.Down) state.phase();
        if (down.incident().severity() != Severity.WARNING) return state;
        Quorum quorum = ctx.quorum();
        Set<String> critical = quorum.failingCritically(state.latestByRegion(), ctx.now());
        int criticalFailures = critical.isEmpty() ? 0 : down.criticalFailures() + (result.critical() ? 1 : 0);
        Phase.Down counted = new Phase.Down(down.incident(), down.recovery(), criticalFailures);
        if (!quorum.isReachedBy(critical)) return state.withPhase(counted);
        if (criticalFailures < 2) {
            if (result.critical()) ctx.emit(new RecheckNow(quorum.healthyRegions()));
            return state.withPhase(counted);
        }
        Incident escalated = down.incident().escalated(Suspicion.prevailingCause(state, critical), critical);
        escalated = escalated.announcedAs(Announcements.heardAs(state, Severity.CRITICAL).or(escalated::announcedAs));
        ctx.emit(new EscalateIncident(escalated));
        Announcements.opening(state, Severity.CRITICAL, Transition.ESCALATED, ctx);
        return state.withPhase(new Phase.Down(escalated, down.recovery(), 0));
    }
}
