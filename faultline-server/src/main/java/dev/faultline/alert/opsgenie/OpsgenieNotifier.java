package dev.faultline.alert.opsgenie;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import dev.faultline.check.Severity;
import okhttp3.HttpUrl;

/**
 * Opsgenie's Alert API: {@code POST /v2/alerts} with the dedup key as {@code alias} (Opsgenie
 * folds a second alert with an open alias into the first), and {@code POST
 * /v2/alerts/{alias}/close?identifierType=alias} for a resolution. Authorised by
 * {@code Authorization: GenieKey <key>}; Opsgenie answers 202 and processes the request after.
 */
public final class OpsgenieNotifier implements Channel {

    // Opsgenie's limits: message 130, alias 512, description 15000, note 25000 characters.
    static final int MESSAGE_MAX = 130;
    static final int DESCRIPTION_MAX = 15_000;
    static final String SOURCE = "Faultline";

    private final String name;
    private final OpsgenieSettings settings;
    private final HttpDelivery http;

    public OpsgenieNotifier(String name, OpsgenieSettings settings, HttpDelivery http) {
        this.name = name;
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Delivery send(Notification n) {
        HttpUrl.Builder url = HttpUrl.get(settings.baseUrl().toString()).newBuilder().addPathSegments("v2/alerts");
        ObjectNode body;
        if (n.event().resolves()) {
            url.addPathSegment(n.dedupKey()).addPathSegment("close").addQueryParameter("identifierType", "alias");
            body = close(n);
        } else {
            body = create(n);
        }
        return http.send(HttpDelivery.post(url.build(), HttpDelivery.json(body))
                .header("Authorization", "GenieKey " + settings.apiKey()).build());
    }

    static ObjectNode create(Notification n) {
        MessageText text = MessageText.of(n);
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("message", MessageText.truncate(text.title(), MESSAGE_MAX));
        root.put("alias", n.dedupKey());
        root.put("description", MessageText.truncate(text.plainText(), DESCRIPTION_MAX));
        root.put("priority", priority(n.severity()));
        root.put("source", SOURCE);
        root.put("entity", n.monitorName());
        ArrayNode tags = root.putArray("tags");
        tags.add("faultline");
        tags.add(n.fault().id());
        tags.add(n.cause().id());
        ObjectNode details = root.putObject("details");
        details.put("event", n.event().id());
        details.put("monitor_id", n.monitorId());
        details.put("monitor_url", n.monitorUrl().toString());
        details.put("fault", n.fault().id());
        details.put("cause", n.cause().id());
        if (n.status() > 0) details.put("status", Integer.toString(n.status()));
        if (!n.nextStep().isBlank()) details.put("next_step", n.nextStep());
        if (!n.regions().isEmpty()) details.put("regions", String.join(", ", n.regions()));
        n.retryAfter().ifPresent(wait -> details.put("retry_after_seconds", Long.toString(wait.toSeconds())));
        n.downFor().ifPresent(down -> details.put("down_for_seconds", Long.toString(down.toSeconds())));
        n.incidentId().ifPresent(id -> details.put("incident_id", id));
        details.put("link", n.link().toString());
        return root;
    }

    static ObjectNode close(Notification n) {
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("source", SOURCE);
        root.put("note", MessageText.of(n).title());
        return root;
    }

    /** Critical pages (P1); a warning is P3, Opsgenie's default; information is P5. */
    static String priority(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "P1";
            case WARNING -> "P3";
            case INFO, NONE -> "P5";
        };
    }

    @Override
    public String toString() {
        return "opsgenie channel '" + name + "' " + settings;
    }
}
