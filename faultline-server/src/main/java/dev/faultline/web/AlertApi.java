package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.json.NotificationJson;
import dev.faultline.store.Outbox;
import dev.faultline.store.StoredAlert;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/alerts}: the alert outbox, newest first, paged by id, optionally in one
 * {@code state}: {@code pending} (waiting or being retried), {@code sent} or {@code dead} (given
 * up on: the provider refused it, or kept failing for the whole retry window).
 */
public final class AlertApi {

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public AlertApi(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        Paging paging = Paging.of(ctx);
        Optional<StoredAlert.State> state = state(ctx);
        Optional<Long> before = paging.cursor().map(cursor -> {
            try {
                return Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiRequestException.badParameter("cursor", "'" + cursor + "' is not a cursor from X-Next-Cursor", ctx.path());
            }
        });
        List<StoredAlert> page = outbox.list(state, paging.limit(), before);
        ctx.json(page.stream().map(this::view).toList());
        Paging.next(ctx, page.size() == paging.limit() ? Optional.of(String.valueOf(page.getLast().id())) : Optional.empty());
    }

    private static Optional<StoredAlert.State> state(Context ctx) {
        String text = ctx.queryParam("state");
        if (text == null || text.isBlank()) return Optional.empty();
        return Optional.of(StoredAlert.State.fromId(text).orElseThrow(() -> ApiRequestException.badParameter("state",
                "'" + text + "' is not one of " + Arrays.stream(StoredAlert.State.values()).map(StoredAlert.State::id)
                        .collect(Collectors.joining(", ")), ctx.path())));
    }

    private ObjectNode view(StoredAlert alert) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", alert.id());
        node.put("channel", alert.channel());
        node.put("state", alert.state().id());
        node.put("event", alert.notification().event().id());
        node.put("monitor_id", alert.notification().monitorId());
        node.put("severity", alert.notification().severity().id());
        node.put("dedup_key", alert.notification().dedupKey());
        node.put("attempts", alert.attempts());
        node.put("created_at", alert.createdAt().toString());
        node.put("next_attempt_at", alert.state() == StoredAlert.State.PENDING ? alert.nextAttemptAt().toString() : null);
        node.put("last_attempt_at", alert.lastAttemptAt().map(Instant::toString).orElse(null));
        node.put("last_status", alert.lastStatus().orElse(null));
        node.put("last_answer", alert.lastAnswer().orElse(null));
        node.put("sent_at", alert.sentAt().map(Instant::toString).orElse(null));
        node.set("notification", mapper.valueToTree(NotificationJson.of(alert.notification())));
        return node;
    }
}
