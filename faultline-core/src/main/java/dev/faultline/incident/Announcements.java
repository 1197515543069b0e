package dev.faultline.incident;

import dev.faultline.check.Severity;
import dev.faultline.incident.Action.Notify;

import java.util.Optional;

/**
 * Who hears about what. Maintenance holds openings back (an info note says one was held);
 * while the monitor flaps, its single FLAPPING alert stands for every opening. Closings
 * (RESOLVED, STABLE) always go out to the channels that heard the opening, maintenance or not:
 * a page left open is worse than a message during maintenance, and nothing new pages.
 */
final class Announcements {

    private Announcements() {
    }

    /** The severity people will hear an opening at now; empty when it is held back. */
    static Optional<Severity> heardAs(MonitorState state, Severity severity) {
        return state.inMaintenance() || state.stability().isFlapping() ? Optional.empty() : Optional.of(severity);
    }

    /** Announces an opening (OPENED, ESCALATED), as {@link #heardAs} says. */
    static void opening(MonitorState state, Severity severity, Transition transition, Context ctx) {
        if (state.inMaintenance()) {
            ctx.emit(new Notify(Severity.INFO, Transition.MAINTENANCE_SUPPRESSED, ctx.now()));
        } else if (!state.stability().isFlapping()) {
            ctx.emit(new Notify(severity, transition, ctx.now()));
        }
    }

    static void closing(Optional<Severity> announcedAs, Transition transition, Context ctx) {
        announcedAs.ifPresent(severity -> ctx.emit(new Notify(severity, transition, ctx.now())));
    }

    /**
     * Counts an incident transition (open or resolve) toward flapping, unless in maintenance,
     * and starts flapping when the threshold is reached. Emits nothing: see {@link #flappingBegins}.
     */
    static Stability countTransition(MonitorState state, Severity severity, Context ctx) {
        if (state.inMaintenance()) return state.stability();
        Threshold flapping = ctx.policy().flapping();
        Stability counted = state.stability().withTransition(ctx.now(), flapping);
        boolean begins = !counted.isFlapping() && flapping.isReachedBy(counted.transitions(), ctx.now());
        return begins ? counted.flappingSince(ctx.now(), severity) : counted;
    }

    /** The one FLAPPING alert, when flapping began between these two states. */
    static void flappingBegins(MonitorState before, MonitorState after, Context ctx) {
        if (before.stability().isFlapping()) return;
        after.stability().flapping().ifPresent(flapping ->
                ctx.emit(new Notify(flapping.severity(), Transition.FLAPPING, ctx.now())));
    }

    /** Announces an open incident that people have not heard of at its severity (after maintenance or flapping). */
    static MonitorState outstanding(MonitorState state, Context ctx) {
        if (!(state.phase() instanceof Phase.Down down)) return state;
        Incident incident = down.incident();
        if (incident.announcedAs().equals(Optional.of(incident.severity()))) return state;
        Transition transition = incident.announcedAs().isEmpty() ? Transition.OPENED : Transition.ESCALATED;
        Optional<Severity> heard = heardAs(state, incident.severity());
        opening(state, incident.severity(), transition, ctx);
        if (heard.isEmpty()) return state;
        return state.withPhase(down.withIncident(incident.announcedAs(heard)));
    }
}
