package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.Notification;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.channels.ChannelRegistry;
import dev.faultline.channels.ChannelUsers;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelResult;
import dev.faultline.config.ConfigError;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/channels}: every alert channel (the config file's and the API's) with its
 * credentials masked ({@code ****abcd}); channels created, replaced and deleted through the API
 * (the file's are read-only here: 409), applied to the running server at once; and
 * {@code POST /api/v1/channels/{name}/test}, which sends a test message straight through the
 * channel (not through the outbox: no retry, no rate limit) and answers with what the provider
 * said: 200 whether or not the provider took it, {@code delivered} says which.
 *
 * <p>A channel that a monitor still names in its alert routing is not deleted (409, listing the
 * monitors): their alerts would skip it without a word. A channel keeps its name, so there is no
 * rename to guard: a new name is a new channel, and the old one is deleted once nothing names it.
 *
 * <p>A payload is a channel in the config file's terms, checked by the same reader as the file and
 * the dashboard's form ({@link ChannelPayloads}). A replacement that sends back the mask it was
 * shown for a credential keeps the stored credential.
 */
public final class ChannelApi {

    private final ChannelRegistry registry;
    private final ChannelUsers users;
    private final ChannelPayloads payloads;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ChannelApi(ChannelRegistry registry, ChannelUsers users, ChannelPayloads payloads, Clock clock, ObjectMapper mapper) {
        this.registry = registry;
        this.users = users;
        this.payloads = payloads;
        this.clock = clock;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        ctx.json(registry.all().stream().map(this::view).toList());
    }

    void get(Context ctx) {
        ctx.json(view(entry(ctx)));
    }

    void create(Context ctx) {
        ChannelRegistry.Entry entry = registry.create(parse(ctx, payloads.read(nonBlank(ctx), "request body")));
        ctx.status(201).header("Location", "/api/v1/channels/" + entry.config().name()).json(view(entry));
    }

    void update(Context ctx) {
        ChannelRegistry.Entry old = entry(ctx);
        if (old.source() == ChannelRegistry.Source.CONFIG) {
            throw new ChannelRegistry.Refused(ChannelRegistry.Refused.Reason.READ_ONLY, "channel '" + old.config().name()
                    + "' is defined in the config file; change it there");
        }
        ChannelConfig config = parse(ctx, payloads.readReplacement(nonBlank(ctx), old.config(), "request body"));
        if (!config.name().equals(old.config().name())) {
            throw ApiRequestException.badParameter("name", "'" + config.name() + "' differs from the channel's name in the path, '"
                    + old.config().name() + "' (a channel is renamed by creating the new one and deleting the old)", ctx.path());
        }
        ctx.json(view(registry.replace(config)));
    }

    void delete(Context ctx) {
        registry.delete(ctx.pathParam("name"), users);
        ctx.status(204);
    }

    void test(Context ctx) {
        ChannelRegistry.Entry entry = entry(ctx);
        String name = entry.config().name();
        // The link in the message leads back to where the test was asked for.
        URI self = URI.create(ctx.scheme() + "://" + ctx.host() + "/");
        ctx.json(report(mapper, name, entry.channel().send(Notification.test(name, self, clock.instant()))));
    }

    private ChannelRegistry.Entry entry(Context ctx) {
        String name = ctx.pathParam("name");
        return registry.find(name).orElseThrow(() -> ApiRequestException.notFound("no channel named '" + name + "'; configured: "
                + (registry.all().isEmpty() ? "none" : String.join(", ",
                        new java.util.TreeSet<>(registry.all().stream().map(e -> e.config().name()).toList()))), ctx.path()));
    }

    private static String nonBlank(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new ApiRequestException(invalid("the request has no body: send a channel as JSON, e.g. {\"name\": \"ops\", "
                    + "\"type\": \"webhook\", \"url\": \"https://hooks.example.com/faultline\", \"severities\": [\"critical\"]}",
                    ctx, List.of()));
        }
        return body;
    }

    private static ChannelConfig parse(Context ctx, ChannelResult result) {
        return switch (result) {
            case ChannelResult.Loaded loaded -> loaded.channel();
            case ChannelResult.Rejected rejected -> throw new ApiRequestException(invalid(rejected.errors().size()
                    + " field(s) are invalid; nothing was changed", ctx, rejected.errors().stream().map(ChannelApi::fieldError).toList()));
        };
    }

    private static Problem invalid(String detail, Context ctx, List<Problem.FieldError> errors) {
        return new Problem("urn:faultline:problem:invalid-channel", "Invalid channel", 422, detail, ctx.path(), errors);
    }

    private static Problem.FieldError fieldError(ConfigError error) {
        return new Problem.FieldError(error.path().isEmpty() ? "(body)" : error.path(), error.message(), error.line(), error.column());
    }

    /** The channel as the API shows it: credentials masked, whoever asks. */
    private ObjectNode view(ChannelRegistry.Entry entry) {
        ChannelConfig config = entry.config();
        ObjectNode node = mapper.createObjectNode();
        node.put("name", config.name());
        node.put("type", config.type().id());
        ArrayNode severities = node.putArray("severities");
        config.severities().stream().sorted().map(Severity::id).forEach(severities::add);
        node.put("source", entry.source().name().toLowerCase(Locale.ROOT));
        ObjectNode settings = node.putObject("settings");
        ChannelPayloads.shown(config).forEach(settings::put);
        return node;
    }

    /** What a test send gives back. */
    private static ObjectNode report(ObjectMapper mapper, String channel, Delivery delivery) {
        ObjectNode node = mapper.createObjectNode();
        node.put("channel", channel);
        node.put("delivered", delivery.delivered());
        node.put("outcome", switch (delivery) {
            case Delivery.Delivered d -> "delivered";
            case Delivery.RetryableFailure r -> "retryable_failure";
            case Delivery.PermanentFailure p -> "permanent_failure";
        });
        node.put("status", delivery.status());
        node.put("answer", delivery.answer());
        node.put("retry_after_seconds", delivery instanceof Delivery.RetryableFailure r
                ? r.retryAfter().map(Duration::toSeconds).orElse(null) : null);
        return node;
    }
}
