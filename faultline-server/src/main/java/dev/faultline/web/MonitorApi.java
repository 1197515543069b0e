package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Header;
import dev.faultline.config.ConfigError;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.MonitorResult;
import dev.faultline.json.MonitorJson;
import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.LatestResults;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.MonitorRegistry;
import dev.faultline.monitor.Revised;
import dev.faultline.secret.Masks;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/v1/monitors}: list (paged by id), create, read, replace and delete. A payload is
 * a monitor in the config file's terms (as JSON) and is checked by the same reader as the file.
 * It is checked and stored while no channel can be removed, so a channel it names is not deleted
 * (or dropped by a reload) in between. A monitor created here carries its revision as an ETag; a
 * replace or delete with If-Match is made only if nobody changed the monitor since ({@link EntityTags}).
 */
public final class MonitorApi {

    private final MonitorRegistry registry;
    private final ChannelRegistry channels;
    private final LatestResults latest;
    private final ConfigLoader loader;
    private final Supplier<FaultlineConfig> config;
    private final ObjectMapper mapper;

    public MonitorApi(MonitorRegistry registry, ChannelRegistry channels, LatestResults latest, ConfigLoader loader,
                      Supplier<FaultlineConfig> config, ObjectMapper mapper) {
        this.registry = registry;
        this.channels = channels;
        this.latest = latest;
        this.loader = loader;
        this.config = config;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx);
        List<Revised> page = registry.page(paging.limit(), paging.cursor());
        ctx.json(page.stream().map(this::view).toList());
        Paging.next(ctx, page.size() == paging.limit() ? Optional.of(page.get(page.size() - 1).monitor().id()) : Optional.empty());
    }

    void get(Context ctx) {
        show(ctx, revised(ctx));
    }

    void create(Context ctx) {
        String body = body(ctx); // read before the lock: a slow client must not hold up a channel's removal
        Revised created = channels.whileChannelsKept(() -> registry.create(parse(body, ctx)));
        ctx.status(201).header("Location", "/api/v1/monitors/" + created.monitor().id());
        show(ctx, created);
    }

    /**
     * With If-Match, only if the monitor is still at a revision it names (else 412): checked here
     * first, so that a stale change is told so before its body is judged, and again by the store as
     * it writes, so that of two changes made from one revision only one is applied.
     */
    void update(Context ctx) {
        String id = ctx.pathParam("id");
        revised(ctx); // 404 first
        ExpectedRevision expected = EntityTags.expected(ctx);
        Revised existing = registry.writable(id, expected);
        String body = body(ctx);
        show(ctx, channels.whileChannelsKept(() -> registry.update(id, keepingMaskedHeaders(existing.monitor(), parse(body, ctx)),
                expected)));
    }

    /** A header sent back as the mask it was shown keeps its stored value. */
    private static Monitor keepingMaskedHeaders(Monitor existing, Monitor sent) {
        List<Header> headers = sent.spec().headers().stream().map(h -> existing.spec().headers().stream()
                .filter(old -> old.name().equalsIgnoreCase(h.name()) && Masks.keeps(h.value(), old.value()))
                .findFirst().map(old -> new Header(h.name(), old.value())).orElse(h)).toList();
        return sent.withHeaders(headers);
    }

    void pause(Context ctx) {
        registry.pause(ctx.pathParam("id"));
        show(ctx, revised(ctx));
    }

    void resume(Context ctx) {
        registry.resume(ctx.pathParam("id"));
        show(ctx, revised(ctx));
    }

    /** With If-Match, only if the monitor is still at a revision it names (else 412), checked as the store deletes it. */
    void delete(Context ctx) {
        revised(ctx); // 404 first
        registry.delete(ctx.pathParam("id"), EntityTags.expected(ctx));
        ctx.status(204);
    }

    Monitor monitor(Context ctx) {
        return revised(ctx).monitor();
    }

    private Revised revised(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.findRevised(id).orElseThrow(() -> ApiRequestException.notFound("no monitor with id '" + id + "'", ctx.path()));
    }

    private void show(Context ctx, Revised monitor) {
        EntityTags.set(ctx, monitor);
        ctx.json(view(monitor));
    }

    private static String body(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new ApiRequestException(Problem.invalid("the request has no body: send a monitor as JSON, e.g. "
                    + "{\"name\": \"api\", \"url\": \"https://api.example.com/health\"}", ctx.path(), List.of()));
        }
        return body;
    }

    /** Checks the channels it names against those there now: call it in {@link ChannelRegistry#whileChannelsKept}. */
    private Monitor parse(String body, Context ctx) {
        return switch (loader.parseMonitor(body, "request body", config.get())) {
            case MonitorResult.Loaded loaded -> loaded.monitor().toMonitor(Monitor.Source.API);
            case MonitorResult.Rejected rejected -> throw new ApiRequestException(Problem.invalid(
                    rejected.errors().size() + " field(s) are invalid; nothing was changed", ctx.path(),
                    rejected.errors().stream().map(MonitorApi::fieldError).toList()));
        };
    }

    private static Problem.FieldError fieldError(ConfigError error) {
        return new Problem.FieldError(error.path().isEmpty() ? "(body)" : error.path(), error.message(), error.line(), error.column());
    }

    private ObjectNode view(Revised revised) {
        Monitor monitor = revised.monitor();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", monitor.id());
        node.put("name", monitor.name());
        node.put("url", monitor.spec().url().toString());
        node.put("source", monitor.source().name().toLowerCase(java.util.Locale.ROOT));
        node.put("paused", registry.isPaused(monitor.id()));
        // The ETag's value, for whoever reads monitors from a list: null for a config-file monitor.
        if (revised.revision().isPresent()) node.put("revision", revised.revision().getAsLong()); else node.putNull("revision");
        Optional<CheckResult> last = latest.latest(monitor.id());
        node.put("outcome", last.map(r -> r.verdict().outcome().id()).orElse("unknown"));
        node.put("fault", last.map(r -> r.verdict().fault().id()).orElse(null));
        node.put("cause", last.map(r -> r.verdict().cause().id()).orElse(null));
        node.put("checked_at", last.map(r -> r.startedAt().toString()).orElse(null));
        ObjectNode spec = mapper.valueToTree(MonitorJson.of(monitor));
        // Credentials in request headers are never shown in full.
        if (spec.get("headers") instanceof ObjectNode headers) {
            headers.properties().forEach(h -> {
                if (Masks.sensitiveHeader(h.getKey())) h.setValue(mapper.getNodeFactory().textNode(Masks.mask(h.getValue().asText())));
            });
        }
        node.set("spec", spec);
        return node;
    }
}
