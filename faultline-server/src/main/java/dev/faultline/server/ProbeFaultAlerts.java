package dev.faultline.server;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import dev.faultline.incident.ProbeHealth;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says so when a probe region is at fault: one warning when it loses its own connectivity (its
 * results stop counting, so no monitor pages because of it), and a note when it is back, under the
 * same dedup key. Through every channel that takes the severity: the fault is no single monitor's.
 */
final class ProbeFaultAlerts {

    private final AlertNotifier notifier;
    private final String ownRegion;
    private final Clock clock;
    private final URI apiBase;
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    ProbeFaultAlerts(AlertNotifier notifier, String ownRegion, Clock clock, URI apiBase) {
        this.notifier = notifier;
        this.ownRegion = ownRegion;
        this.clock = clock;
        this.apiBase = apiBase;
    }

    void changed(String region, Optional<ProbeHealth.Reason> reason, Cause cause, Instant at) {
        boolean lost = reason.isPresent();
        Instant start = lost ? at : since.getOrDefault(region, at);
        if (lost) since.put(region, at);
        else since.remove(region);
        String summary = lost ? lostText(region, reason.get())
                : "Probe region " + region + " has its connectivity back: its results count toward incidents again.";
        String nextStep = lost ? (reason.get() == ProbeHealth.Reason.CANARIES_FAILED
                ? "Check the network of the host probing from " + region + " (DNS, routes, firewall); the monitored services are not at fault."
                : "Check the network of the host probing from " + region + "; the other regions see the monitors up.") : "";
        String id = "probe-region-" + region.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        notifier.notify(new Notification(EventKind.WARNING, id, "probe region " + region, apiBase.resolve("/api/v1/agents"),
                lost ? Severity.WARNING : Severity.INFO, cause.outcome() == dev.faultline.check.Outcome.DOWN ? cause : Cause.CONNECT_TIMEOUT,
                0, Optional.empty(), summary, nextStep, List.of(region), Optional.empty(),
                "faultline/" + id + "/lost/" + start.toEpochMilli(), clock.instant(), Optional.empty(),
                apiBase.resolve("/api/v1/agents")), List.of());
    }

    private String lostText(String region, ProbeHealth.Reason reason) {
        String why = reason == ProbeHealth.Reason.CANARIES_FAILED ? "its canaries fail"
                : "most of its monitors fail without an answer while other regions see them up";
        String base = "Probe region " + region + " lost its own connectivity (" + why + "): the probe is at fault, "
                + "its results are kept but count toward no incident, and no monitor pages because of it.";
        return region.equals(ownRegion) ? base + " Monitors checked only from " + region + " cannot page until it recovers: paging is paused."
                : base;
    }
}
