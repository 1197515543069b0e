package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.MaintenanceResult;
import dev.faultline.json.MaintenanceWindowJson;
import dev.faultline.maintenance.MaintenanceWindow;
import dev.faultline.monitor.MaintenanceRegistry;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/maintenance}: every window (the file's and the API's) with whether it is open
 * now; windows created, and deleted, through the API. A payload is a window in the config
 * file's terms, checked by the same reader.
 */
public final class MaintenanceApi {

    private final MaintenanceRegistry windows;
    private final MonitorRegistry monitors;
    private final ConfigLoader loader;
    private final ObjectMapper mapper;
    private final Clock clock;

    public MaintenanceApi(MaintenanceRegistry windows, MonitorRegistry monitors, ConfigLoader loader, ObjectMapper mapper,
                          Clock clock) {
        this.windows = windows;
        this.monitors = monitors;
        this.loader = loader;
        this.mapper = mapper;
        this.clock = clock;
    }

    void list(Context ctx) {
        Instant now = clock.instant();
        ctx.json(windows.all().stream().map(entry -> view(entry, now)).toList());
    }

    void create(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new ApiRequestException(invalid("the request has no body: send a window as JSON, e.g. {\"name\": \"upgrade\", "
                    + "\"monitors\": [\"api\"], \"start\": \"2026-12-01T02:00:00Z\", \"end\": \"2026-12-01T03:00:00Z\"}", ctx, List.of()));
        }
        Map<String, String> known = new LinkedHashMap<>();
        monitors.all().forEach(m -> known.put(m.id(), m.name()));
        MaintenanceWindow window = switch (loader.parseMaintenanceWindow(body, "request body", known)) {
            case MaintenanceResult.Loaded loaded -> loaded.window();
            case MaintenanceResult.Rejected rejected -> throw new ApiRequestException(invalid(rejected.errors().size()
                    + " field(s) are invalid; nothing was changed", ctx, rejected.errors().stream().map(MaintenanceApi::fieldError).toList()));
        };
        MaintenanceRegistry.Entry created = new MaintenanceRegistry.Entry(windows.create(window), Monitor.Source.API);
        ctx.status(201).json(view(created, clock.instant()));
    }

    void delete(Context ctx) {
        windows.delete(ctx.pathParam("name"));
        ctx.status(204);
    }

    private ObjectNode view(MaintenanceRegistry.Entry entry, Instant now) {
        MaintenanceWindow window = entry.window();
        ObjectNode node = mapper.valueToTree(MaintenanceWindowJson.of(window));
        node.put("source", entry.source().name().toLowerCase(Locale.ROOT));
        boolean open = window.times().endOfOccurrenceAt(now).isPresent();
        node.put("open", open);
        node.put("next_change", window.times().endOfOccurrenceAt(now).or(() -> window.times().nextStartAfter(now))
                .map(Instant::toString).orElse(null));
        return node;
    }

    private static Problem invalid(String detail, Context ctx, List<Problem.FieldError> errors) {
        return new Problem("urn:faultline:problem:invalid-maintenance-window", "Invalid maintenance window", 422, detail, ctx.path(),
                errors);
    }

    private static Problem.FieldError fieldError(ConfigError error) {
        return new Problem.FieldError(error.path().isEmpty() ? "(body)" : error.path(), error.message(), error.line(), error.column());
    }
}
