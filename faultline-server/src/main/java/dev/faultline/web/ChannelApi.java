package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.Notification;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /api/v1/channels/{name}/test}: sends a test message straight through the channel
 * (not through the outbox: no retry, no rate limit) and answers with what the provider said.
 * The answer is 200 whether or not the provider took it: {@code delivered} says which.
 */
public final class ChannelApi {

    private final Map<String, Channel> channels;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ChannelApi(Map<String, Channel> channels, Clock clock, ObjectMapper mapper) {
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        this.mapper = mapper;
    }

    void test(Context ctx) {
        String name = ctx.pathParam("name");
        if (!channels.containsKey(name)) {
            throw ApiRequestException.notFound("no channel named '" + name + "'; configured: "
                    + (channels.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(channels.keySet()))), ctx.path());
        }
        // The link in the message leads back to where the test was asked for.
        URI self = URI.create(ctx.scheme() + "://" + ctx.host() + "/");
        ctx.json(report(mapper, name, sendTest(name, self).orElseThrow()));
    }

    /** The configured channels' names, in order. */
    public java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(channels.keySet());
    }

    /** Sends a test message through the channel now; empty when there is no such channel. */
    public java.util.Optional<Delivery> sendTest(String name, URI link) {
        Channel channel = channels.get(name);
        return channel == null ? java.util.Optional.empty() : java.util.Optional.of(channel.send(Notification.test(name, link, clock.instant())));
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
