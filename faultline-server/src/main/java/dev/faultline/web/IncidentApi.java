package dev.faultline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.incidents.AckOutcome;
import dev.faultline.incidents.IncidentService;
import dev.faultline.json.MonitorStateJson;
import dev.faultline.store.BlipRecord;
import dev.faultline.store.BlipRepository;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.IncidentRepository;
import dev.faultline.store.TimelineEntry;
import dev.faultline.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/incidents} (newest first, paged, {@code ?state=open|resolved}),
 * {@code /api/v1/incidents/{id}} with its timeline, {@code POST /api/v1/incidents/{id}/ack}, and
 * {@code /api/v1/monitors/{id}/blips}.
 */
public final class IncidentApi {

    /** Who acknowledges when nobody is signed in and the body does not say. */
    static final String DEFAULT_ACK_BY = "api";

    private final IncidentRepository incidents;
    private final IncidentService service;
    private final BlipRepository blips;
    private final MonitorApi monitors;
    private final ObjectMapper mapper;

    public IncidentApi(IncidentRepository incidents, IncidentService service, BlipRepository blips, MonitorApi monitors,
                       ObjectMapper mapper) {
        this.incidents = incidents;
        this.service = service;
        this.blips = blips;
        this.monitors = monitors;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx);
        Optional<IncidentRecord.State> state = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank())
                .map(text -> IncidentRecord.State.fromId(text).orElseThrow(() ->
                        ApiRequestException.badParameter("state", "'" + text + "' is not open or resolved", ctx.path())));
        List<IncidentRecord> page = incidents.list(paging.limit(), paging.cursor().map(c -> cursor(c, ctx)), state);
        ctx.json(page.stream().map(this::view).toList());
        Paging.next(ctx, page.size() == paging.limit() ? Optional.of(Long.toString(page.getLast().id())) : Optional.empty());
    }

    void get(Context ctx) {
        String text = ctx.pathParam("id");
        IncidentRecord incident = parseId(text).flatMap(incidents::find)
                .orElseThrow(() -> ApiRequestException.notFound("no incident with id '" + text + "'", ctx.path()));
        ObjectNode view = view(incident);
        ArrayNode timeline = view.putArray("timeline");
        for (TimelineEntry entry : incidents.timeline(incident.id())) {
            ObjectNode line = timeline.addObject();
            line.put("at", entry.at().toString());
            line.put("kind", entry.kind());
            line.set("details", details(entry));
        }
        ctx.json(view);
    }

    /**
     * Acknowledges the incident: 200 with the incident (a second acknowledgement keeps the first,
     * and says so with {@code "acknowledged_now": false}), 404 for an unknown id, 409 for an
     * incident resolved before anyone acknowledged it. The optional body is
     * {@code {"by": "...", "note": "..."}}; a signed-in principal is who acknowledges, whatever
     * the body says.
     */
    void acknowledge(Context ctx) {
        String text = ctx.pathParam("id");
        long id = parseId(text).orElseThrow(() -> ApiRequestException.notFound("no incident with id '" + text + "'", ctx.path()));
        JsonNode body = ackBody(ctx);
        // Checked even when the principal decides who acknowledges, so that a bad body never passes.
        Optional<String> named = optionalText(body, "by", ctx);
        if (named.filter(String::isBlank).isPresent()) throw ApiRequestException.badParameter("by", "must not be blank", ctx.path());
        String by = Principal.of(ctx).map(Principal::name).or(() -> named).orElse(DEFAULT_ACK_BY);
        AckOutcome outcome;
        try {
            outcome = service.acknowledge(id, by, optionalText(body, "note", ctx));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw ApiRequestException.badParameter(colon > 0 ? message.substring(0, colon) : "body",
                    colon > 0 ? message.substring(colon + 1).strip() : message, ctx.path());
        }
        switch (outcome) {
            case AckOutcome.Acknowledged ack -> {
                ObjectNode view = view(ack.incident());
                view.put("acknowledged_now", ack.now());
                ctx.json(view);
            }
            case AckOutcome.AlreadyResolved resolved -> throw new ApiRequestException(Problem.of(409, "Already resolved",
                    "incident " + id + " was resolved at " + text(resolved.incident().resolvedAt())
                            + " before anyone acknowledged it: there is nothing left to acknowledge", ctx.path()));
            case AckOutcome.NotFound missing -> throw ApiRequestException.notFound("no incident with id '" + text + "'", ctx.path());
        }
    }

    private JsonNode ackBody(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) return mapper.createObjectNode();
        JsonNode body;
        try {
            body = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiRequestException.badParameter("body", "not JSON: " + e.getOriginalMessage(), ctx.path());
        }
        if (body == null || !body.isObject()) {
            throw ApiRequestException.badParameter("body", "must be a JSON object such as {\"by\": \"ana\", \"note\": \"on it\"}",
                    ctx.path());
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("by") && !name.equals("note")) {
                throw ApiRequestException.badParameter(name, "unknown field; an acknowledgement takes 'by' and 'note'", ctx.path());
            }
        });
        return body;
    }

    private static Optional<String> optionalText(JsonNode body, String field, Context ctx) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isTextual()) throw ApiRequestException.badParameter(field, "must be a string", ctx.path());
        return Optional.of(value.asText());
    }

    void blips(Context ctx) {
        String id = monitors.monitor(ctx).id();
        Paging paging = Paging.of(ctx);
        List<BlipRecord> page = blips.recent(id, paging.limit(), paging.cursor().map(c -> cursor(c, ctx)));
        ctx.json(page.stream().map(this::view).toList());
        Paging.next(ctx, page.size() == paging.limit() ? Optional.of(Long.toString(page.getLast().id())) : Optional.empty());
    }

    private ObjectNode view(IncidentRecord incident) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", incident.id());
        node.put("monitor_id", incident.monitorId());
        node.put("monitor", incident.monitorName());
        node.put("state", incident.state().id());
        node.put("cause", incident.cause().id());
        node.put("fault", incident.fault().id());
        node.put("severity", incident.severity().id());
        node.putPOJO("regions", incident.regions());
        node.put("started_at", incident.startedAt().toString());
        node.put("opened_at", incident.openedAt().toString());
        node.put("recovered_at", text(incident.recoveredAt()));
        node.put("resolved_at", text(incident.resolvedAt()));
        node.put("duration_seconds", incident.downFor().map(IncidentApi::seconds).orElse(null));
        node.put("resolution", incident.resolution().orElse(null));
        node.put("started_before_maintenance", incident.startedBeforeMaintenance());
        node.put("opened_in_maintenance", incident.openedInMaintenance());
        node.put("acknowledged_at", text(incident.acknowledgement().map(IncidentRecord.Acknowledgement::at)));
        node.put("acknowledged_by", incident.acknowledgement().map(IncidentRecord.Acknowledgement::by).orElse(null));
        node.put("acknowledgement_note", incident.acknowledgement().flatMap(IncidentRecord.Acknowledgement::note).orElse(null));
        node.put("reminders_sent", incident.reminders().sent());
        return node;
    }

    private ObjectNode view(BlipRecord record) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", record.id());
        node.put("monitor_id", record.monitorId());
        node.put("started_at", record.blip().startedAt().toString());
        node.put("ended_at", record.blip().endedAt().toString());
        node.put("failing_for_seconds", seconds(record.blip().failingFor()));
        node.putPOJO("regions", record.blip().regions());
        node.putPOJO("failures", MonitorStateJson.causeIds(record.blip().failuresByRegion()));
        node.put("during_maintenance", record.blip().duringMaintenance());
        return node;
    }

    private JsonNode details(TimelineEntry entry) {
        try {
            return mapper.readTree(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable timeline details: " + entry.details(), e);
        }
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long cursor(String text, Context ctx) {
        return parseId(text).orElseThrow(() -> ApiRequestException.badParameter("cursor", "not a cursor this API gave out", ctx.path()));
    }

    private static Double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
