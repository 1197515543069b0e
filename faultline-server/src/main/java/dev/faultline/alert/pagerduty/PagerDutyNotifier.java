package dev.faultline.alert.pagerduty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import dev.faultline.check.Severity;
import okhttp3.HttpUrl;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): a {@code trigger} with the notification's
 * dedup key, so that reminders land on the same alert, and a {@code resolve} with the same key
 * when the incident ends. PagerDuty answers 202 with {@code {"status":"success",…}}.
 */
public final class PagerDutyNotifier implements Channel {

    /** PagerDuty's limit for {@code payload.summary}. */
    static final int SUMMARY_MAX = 1024;

    private final String name;
    private final PagerDutySettings settings;
    private final HttpDelivery http;

    public PagerDutyNotifier(String name, PagerDutySettings settings, HttpDelivery http) {
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
        HttpUrl url = HttpUrl.get(settings.baseUrl().toString()).newBuilder().addPathSegments("v2/enqueue").build();
        return http.send(HttpDelivery.post(url, HttpDelivery.json(payload(n, settings.routingKey()))).build());
    }

    static ObjectNode payload(Notification n, String routingKey) {
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("routing_key", routingKey);
        root.put("dedup_key", n.dedupKey());
        if (n.event().resolves()) {
            root.put("event_action", "resolve");
            return root;
        }
        root.put("event_action", "trigger");
        MessageText text = MessageText.of(n);
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", MessageText.truncate(text.title(), SUMMARY_MAX));
        payload.put("source", n.monitorUrl().getHost() == null ? n.monitorUrl().toString() : n.monitorUrl().getHost());
        payload.put("severity", severity(n.severity()));
        payload.put("timestamp", n.time().toString());
        payload.put("component", n.monitorName());
        payload.put("class", n.cause().id());
        ObjectNode details = payload.putObject("custom_details");
        details.put("event", n.event().id());
        text.facts().forEach(fact -> details.put(fact.label(), fact.value()));
        details.put("fault", n.fault().id());
        details.put("cause", n.cause().id());
        if (n.status() > 0) details.put("status", n.status());
        n.incidentId().ifPresent(id -> details.put("incident_id", id));
        root.put("client", "Faultline");
        root.put("client_url", n.link().toString());
        ObjectNode link = root.putArray("links").addObject();
        link.put("href", n.link().toString());
        link.put("text", "Open " + n.monitorName() + " in Faultline");
        return root;
    }

    /** PagerDuty's four severities; Faultline has no "error", and none is sent as info. */
    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case WARNING -> "warning";
            case INFO, NONE -> "info";
        };
    }

    @Override
    public String toString() {
        return "pagerduty channel '" + name + "' " + settings;
    }
}
