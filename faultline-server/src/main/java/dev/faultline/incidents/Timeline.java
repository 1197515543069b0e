package dev.faultline.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Diagnosis;
import dev.faultline.incident.Action.ResolveIncident;
import dev.faultline.incident.Incident;
import dev.faultline.incident.Status;
import dev.faultline.json.Json;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The lines of an incident's timeline, each a kind and a JSON object of details. */
final class Timeline {

    static final String CHECK = "check";
    static final String OPENED = "opened";
    static final String ESCALATED = "escalated";
    static final String MAINTENANCE_STARTED = "maintenance_started";
    static final String MAINTENANCE_ENDED = "maintenance_ended";
    static final String STATUS = "status";
    static final String NOTIFICATION = "notification";
    static final String RESOLVED = "resolved";
    static final String CLOSED = "closed";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String REMINDER = "reminder";
    static final String ESCALATED_TO = "escalated_to";

    private static final ObjectMapper JSON = Json.mapper();

    private Timeline() {
    }

    /** A check that mattered: part of the confirmation, a region failing or recovering, the one that resolved it. */
    static TimelineEntry check(CheckResult result) {
        ObjectNode details = JSON.createObjectNode();
        details.put("region", result.region());
        details.put("outcome", result.verdict().outcome().id());
        details.put("cause", result.verdict().cause().id());
        details.put("fault", result.verdict().fault().id());
        if (result.hasStatus()) details.put("status", result.status()); else details.putNull("status");
        details.put("total_ms", result.timings().total().toNanos() / 1e6);
        if (!result.detail().isEmpty()) details.put("detail", result.detail());
        return entry(result.startedAt(), CHECK, details);
    }

    /** The verdict and diagnosis the incident opened with. */
    static TimelineEntry opened(Incident incident, Optional<CheckResult> evidence) {
        ObjectNode details = verdict(incident);
        details.put("started_at", incident.startedAt().toString());
        details.put("opened_in_maintenance", incident.openedInMaintenance());
        details.put("started_before_maintenance", incident.startedBeforeMaintenance());
        evidence.ifPresent(result -> {
            Diagnosis diagnosis = Diagnosis.of(result);
            ObjectNode node = details.putObject("diagnosis");
            node.put("summary", diagnosis.summary());
            node.put("whose", diagnosis.whose());
            node.putPOJO("likely_causes", diagnosis.likelyCauses());
            node.put("next_step", diagnosis.nextStep());
        });
        return entry(incident.openedAt(), OPENED, details);
    }

    static TimelineEntry escalated(Incident incident, Instant at) {
        return entry(at, ESCALATED, verdict(incident));
    }

    static TimelineEntry maintenance(boolean started, Instant at) {
        ObjectNode details = JSON.createObjectNode();
        details.put("note", started ? "a maintenance window began while this incident was open: it did not come from the maintenance"
                : "the maintenance window ended with this incident still open");
        return entry(at, started ? MAINTENANCE_STARTED : MAINTENANCE_ENDED, details);
    }

    static TimelineEntry status(Status from, Status to, Instant at) {
        ObjectNode details = JSON.createObjectNode();
        details.put("from", id(from));
        details.put("to", id(to));
        return entry(at, STATUS, details);
    }

    /** A notification the engine asked for; {@code via} says where it went. */
    static TimelineEntry notification(NotifyRequest request, String via) {
        ObjectNode details = JSON.createObjectNode();
        details.put("severity", request.severity().id());
        details.put("transition", id(request.transition()));
        details.put("via", via);
        if (request.monitorRemoved()) details.put("reason", "monitor_removed");
        return entry(request.at(), NOTIFICATION, details);
    }

    static TimelineEntry resolved(ResolveIncident resolve) {
        ObjectNode details = JSON.createObjectNode();
        details.put("recovered_at", resolve.recoveredAt().toString());
        details.put("duration_seconds", seconds(resolve.downFor()));
        return entry(resolve.resolvedAt(), RESOLVED, details);
    }

    /** Closed without a recovery: the monitor is gone, or a restart found the incident no longer open in the engine. */
    static TimelineEntry closed(String reason, String note, Instant at) {
        ObjectNode details = JSON.createObjectNode();
        details.put("reason", reason);
        details.put("note", note);
        return entry(at, CLOSED, details);
    }

    static TimelineEntry acknowledged(IncidentRecord.Acknowledgement ack) {
        ObjectNode details = JSON.createObjectNode();
        details.put("by", ack.by());
        details.put("note", ack.note().orElse(null));
        return entry(ack.at(), ACKNOWLEDGED, details);
    }

    /** Reminder {@code number} went to these channels. */
    static TimelineEntry reminder(int number, java.util.List<String> channels, Instant at) {
        ObjectNode details = JSON.createObjectNode();
        details.put("number", number);
        details.putPOJO("channels", channels);
        return entry(at, REMINDER, details);
    }

    /** Nobody acknowledged in time: the opening went to the escalation channels. */
    static TimelineEntry escalatedTo(java.util.List<String> channels, Instant at) {
        ObjectNode details = JSON.createObjectNode();
        details.putPOJO("channels", channels);
        return entry(at, ESCALATED_TO, details);
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static ObjectNode verdict(Incident incident) {
        ObjectNode details = JSON.createObjectNode();
        details.put("cause", incident.cause().id());
        details.put("fault", incident.fault().id());
        details.put("severity", incident.severity().id());
        details.putPOJO("regions", incident.confirmingRegions());
        return details;
    }

    private static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static TimelineEntry entry(Instant at, String kind, ObjectNode details) {
        try {
            return new TimelineEntry(at, kind, JSON.writeValueAsString(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timeline details", e);
        }
    }
}
