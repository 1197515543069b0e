package dev.faultline.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Advice;
import dev.faultline.json.Json;
import dev.faultline.store.IncidentRecord;
import dev.faultline.store.Store;
import dev.faultline.store.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The incidents list (open first) and one incident with its diagnosis and timeline. */
public final class IncidentPages {

    private static final ObjectMapper JSON = Json.mapper();

    public record Item(long id, String monitorId, String monitor, boolean open, String cause, String fault, String severity,
                       String started, String duration, String headline, String nextStep, List<String> likelyCauses,
                       List<String> regions, String acknowledged) {
    }

    public record Line(String at, String kind, String details) {
    }

    public record Detail(Item incident, List<Line> timeline) {
    }

    private final Store store;
    private final Clock clock;

    IncidentPages(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    List<Item> list() {
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>();
        List<IncidentRecord> open = store.incidents().allOpen();
        open.reversed().forEach(i -> items.add(item(i, now)));
        store.incidents().list(100, Optional.empty(), Optional.of(IncidentRecord.State.RESOLVED)).forEach(i -> items.add(item(i, now)));
        return items;
    }

    Optional<Detail> detail(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.incidents().find(id).map(i -> new Detail(item(i, now),
                store.incidents().timeline(i.id()).stream().map(IncidentPages::line).toList()));
    }

    static Item item(IncidentRecord i, Instant now) {
        Advice advice = Advice.of(i.cause());
        boolean open = i.state() == IncidentRecord.State.OPEN;
        Duration lasted = Duration.between(i.startedAt(), i.recoveredAt().or(i::resolvedAt).orElse(now));
        return new Item(i.id(), i.monitorId(), i.monitorName(), open, i.cause().id(), i.fault().id(), i.severity().id(),
                Text.stamp(i.startedAt()), (open ? "ongoing for " : "lasted ") + Text.span(lasted), advice.headline(),
                advice.nextStep(), advice.likelyCauses(), i.regions(), i.acknowledgement().map(IncidentPages::acknowledged).orElse(""));
    }

    // "by ana at 2026-11-27 10:01:02 — restarting the app": who took it on, as the page says it.
    private static String acknowledged(IncidentRecord.Acknowledgement ack) {
        return "by " + ack.by() + " at " + Text.stamp(ack.at()) + ack.note().map(n -> " — " + n).orElse("");
    }

    /** A detail as a person reads it: text as is, lists joined, a diagnosis by its summary, times to 0.1 ms. */
    private static String readable(JsonNode value) {
        if (value.isTextual()) return value.asText();
        if (value.isFloatingPointNumber()) return String.format(java.util.Locale.ROOT, "%.1f", value.asDouble());
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(readable(item)));
            return String.join(", ", items);
        }
        if (value.isObject() && value.has("summary")) return value.get("summary").asText();
        return value.toString();
    }

    private static Line line(TimelineEntry entry) {
        StringBuilder text = new StringBuilder();
        try {
            JsonNode node = JSON.readTree(entry.details());
            node.properties().forEach(field -> {
                if (!text.isEmpty()) text.append(" · ");
                text.append(field.getKey()).append(": ").append(readable(field.getValue()));
            });
        } catch (Exception e) {
            text.append(entry.details());
        }
        return new Line(Text.stamp(entry.at()), entry.kind(), text.toString());
    }
}
