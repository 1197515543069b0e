package dev.faultline.server;

import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.outbox.AlertNotifier;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Cause;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.trend.CdnFinding;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An outage masked by a CDN pages like any other critical failure: opened when the origin fails
 * behind an edge that still answers, resolved when the pair is healthy again, both under one
 * dedup key and through the edge monitor's channels.
 */
final class MaskedOutageAlerts {

    private final AlertNotifier notifier;
    private final MonitorRegistry registry;
    private final LatestResults latest;
    private final Clock clock;
    private final URI apiBase;

    MaskedOutageAlerts(AlertNotifier notifier, MonitorRegistry registry, LatestResults latest, Clock clock, URI apiBase) {
        this.notifier = notifier;
        this.registry = registry;
        this.latest = latest;
        this.clock = clock;
        this.apiBase = apiBase;
    }

    void changed(CdnFinding finding, String edgeId, boolean started) {
        if (finding.kind() != CdnFinding.Kind.MASKED_OUTAGE) return;
        Monitor edge = registry.find(edgeId).orElse(null);
        if (edge == null) return;
        Optional<CheckResult> origin = finding.origin().flatMap(name -> latest.latest(Monitor.idFor(name)));
        Cause cause = origin.map(r -> r.verdict().cause()).orElse(Cause.OTHER_5XX);
        Duration down = Duration.between(finding.at(), clock.instant());
        notifier.notify(new Notification(started ? EventKind.INCIDENT_OPENED : EventKind.INCIDENT_RESOLVED, edge.id(),
                edge.name(), edge.spec().url(), finding.severity(), cause, origin.map(CheckResult::status).orElse(0),
                Optional.empty(), finding.summary(), finding.nextStep(), List.of("local"), Optional.empty(),
                // One key for the opening and its resolution, unique to this episode.
                "faultline/" + edge.id() + "/cdn-masked/" + finding.at().toEpochMilli(), clock.instant(),
                started ? Optional.empty() : Optional.of(down), apiBase.resolve("/api/v1/monitors/" + edge.id())),
                edge.channels());
    }
}
