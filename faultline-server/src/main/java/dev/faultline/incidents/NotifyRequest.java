package dev.faultline.incidents;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Severity;
import dev.faultline.incident.Incident;
import dev.faultline.incident.Transition;
import dev.faultline.monitor.Monitor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification the engine asked for, with what a message needs to say.
 *
 * @param severity   the severity to route at; a closing carries its opening's
 * @param incidentId the incident it is about: the open one, or the one just resolved; empty for
 *                   a warning about the monitor itself (instability)
 * @param incident   that incident as the engine knows it
 * @param latest     the newest check result of the monitor, when there is one
 * @param monitorRemoved a {@link Transition#RESOLVED} that is no recovery: the monitor was removed
 *                   while its incident was open (never asked for by the engine: the service closes it)
 */
public record NotifyRequest(Monitor monitor, Severity severity, Transition transition, Instant at,
                            Optional<Long> incidentId, Optional<Incident> incident, Optional<CheckResult> latest,
                            boolean monitorRemoved) {

    /** What the engine asks for. */
    public NotifyRequest(Monitor monitor, Severity severity, Transition transition, Instant at,
                         Optional<Long> incidentId, Optional<Incident> incident, Optional<CheckResult> latest) {
        this(monitor, severity, transition, at, incidentId, incident, latest, false);
    }

    public NotifyRequest {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(latest, "latest");
        if (monitorRemoved && transition != Transition.RESOLVED) {
            throw new IllegalArgumentException("monitorRemoved: only a resolution is sent for a removed monitor, not " + transition);
        }
    }
}
