package dev.faultline.incident;

import dev.faultline.check.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** What the caller must do after a step, in order. The engine itself does nothing to the world. */
public sealed interface Action {

    /** Check the monitor from these regions now, outside the schedule. */
    record RecheckNow(Set<String> regions) implements Action {
        public RecheckNow {
            regions = Collections.unmodifiableSortedSet(new TreeSet<>(regions));
        }
    }

    /**
     * Deliver a {@link Event.ConfirmationDeadline} at this instant. A later request replaces an
     * earlier one: a deadline that arrives before the pending one, or when no episode is under
     * way, does nothing, so the caller never needs to cancel one.
     */
    record ScheduleDeadline(Instant at) implements Action {
    }

    /** Store a new open incident. A monitor has at most one open incident at a time. */
    record OpenIncident(Incident incident) implements Action {
    }

    /** The open incident became critical: store its new cause, severity and regions. */
    record EscalateIncident(Incident incident) implements Action {
    }

    /** A maintenance window began while this incident was open: it did not come from the maintenance. */
    record MarkStartedBeforeMaintenance(Instant incidentStartedAt, Instant maintenanceStartedAt) implements Action {
    }

    /**
     * The open incident is over.
     *
     * @param recoveredAt the first success of the recovery streak: when the service came back
     * @param resolvedAt  when the recovery rounds were complete and the incident closed
     */
    record ResolveIncident(Incident incident, Instant recoveredAt, Instant resolvedAt) implements Action {
        public Duration downFor() {
            return Duration.between(incident.startedAt(), recoveredAt);
        }
    }

    /** Store a failure that did not become an incident. */
    record RecordBlip(Blip blip) implements Action {
    }

    /** Tell people; the alert routing sends it by severity (critical pages, info does not). */
    record Notify(Severity severity, Transition transition, Instant at) implements Action {
        public Notify {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(transition, "transition");
        }
    }
}
