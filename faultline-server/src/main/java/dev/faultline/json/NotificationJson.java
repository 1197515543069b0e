package dev.faultline.json;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.Notification;
import dev.faultline.alert.ResolutionReason;
import dev.faultline.check.Cause;
import dev.faultline.check.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON shape of a {@link Notification}: how the alert outbox stores it and how the API shows
 * it. Ids as in every other payload ({@code incident.opened}, {@code critical},
 * {@code bad_gateway}), instants in ISO-8601, durations in milliseconds so that they read back
 * exactly; absent values are null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationJson(String event, String monitorId, String monitorName, String monitorUrl, String severity,
                               String cause, int status, Long retryAfterMs, String summary, String nextStep,
                               List<String> regions, String incidentId, String dedupKey, String time, Long downForMs,
                               String link, Integer reminder, String reason) {

    public static NotificationJson of(Notification n) {
        return new NotificationJson(n.event().id(), n.monitorId(), n.monitorName(), n.monitorUrl().toString(),
                n.severity().id(), n.cause().id(), n.status(), n.retryAfter().map(Duration::toMillis).orElse(null),
                n.summary(), n.nextStep(), n.regions(), n.incidentId().orElse(null), n.dedupKey(), n.time().toString(),
                n.downFor().map(Duration::toMillis).orElse(null), n.link().toString(), n.reminder() == 0 ? null : n.reminder(),
                n.reason().map(ResolutionReason::id).orElse(null));
    }

    /** @throws IllegalArgumentException naming the field that is not a valid value */
    public Notification toNotification() {
        EventKind kind = EventKind.fromId(required(event, "event"))
                .orElseThrow(() -> new IllegalArgumentException("event: unknown event '" + event + "'"));
        Cause reason = Cause.fromId(required(cause, "cause"))
                .orElseThrow(() -> new IllegalArgumentException("cause: unknown cause '" + cause + "'"));
        return new Notification(kind, monitorId, monitorName, URI.create(required(monitorUrl, "monitor_url")),
                severity(required(severity, "severity")), reason, status,
                Optional.ofNullable(retryAfterMs).map(Duration::ofMillis), required(summary, "summary"),
                required(nextStep, "next_step"), regions == null ? List.of() : regions, Optional.ofNullable(incidentId),
                dedupKey, Instant.parse(required(time, "time")), Optional.ofNullable(downForMs).map(Duration::ofMillis),
                URI.create(required(link, "link")), reminder == null ? 0 : reminder, reason(kind));
    }

    // Stored before resolutions had a reason: a resolution was a recovery.
    private Optional<ResolutionReason> reason(EventKind kind) {
        if (reason == null) return kind == EventKind.INCIDENT_RESOLVED ? Optional.of(ResolutionReason.RECOVERED) : Optional.empty();
        return Optional.of(ResolutionReason.fromId(reason)
                .orElseThrow(() -> new IllegalArgumentException("reason: unknown reason '" + reason + "'")));
    }

    private static Severity severity(String id) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(id.toLowerCase(Locale.ROOT))) return s;
        }
        throw new IllegalArgumentException("severity: unknown severity '" + id + "'");
    }

    private static String required(String value, String field) {
        if (value == null) throw new IllegalArgumentException(field + ": missing");
        return value;
    }
}
