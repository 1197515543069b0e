package dev.faultline.alert.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.DigestText;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.Notification;
import dev.faultline.alert.ResolutionReason;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Faultline's own JSON, for anything that takes a webhook. Headers: {@code X-Faultline-Event}
 * (the event id), {@code Idempotency-Key} ({@code <dedup_key>:<event>}, and
 * {@code <dedup_key>:incident.reminder:<n>} for the n-th reminder: the same on every retry of one
 * send) and, with a secret, {@code X-Faultline-Signature: sha256=<hex>}: the hex
 * HMAC-SHA256 of the raw body bytes, which a receiver recomputes before trusting the body.
 * A digest also carries {@code digest}: its headline and sections as data.
 */
public final class WebhookNotifier implements Channel {

    public static final String SIGNATURE_HEADER = "X-Faultline-Signature";

    private final String name;
    private final WebhookSettings settings;
    private final HttpDelivery http;

    public WebhookNotifier(String name, WebhookSettings settings, HttpDelivery http) {
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
        byte[] body = HttpDelivery.jsonBytes(payload(n));
        Request.Builder request = HttpDelivery.post(HttpUrl.get(settings.url().toString()),
                        RequestBody.create(body, HttpDelivery.JSON_TYPE))
                .header("X-Faultline-Event", n.event().id())
                .header("Idempotency-Key", idempotencyKey(n));
        settings.secret().ifPresent(secret -> request.header(SIGNATURE_HEADER, "sha256=" + hmacSha256Hex(secret, body)));
        return http.send(request.build());
    }

    /** One per send, the same on each of its retries: a reminder is a send of its own. */
    static String idempotencyKey(Notification n) {
        return n.dedupKey() + ":" + n.event().id() + (n.reminder() > 0 ? ":" + n.reminder() : "");
    }

    /** The payload: the public contract of the generic webhook (absent values are null, never missing). */
    static ObjectNode payload(Notification n) {
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("event", n.event().id());
        ObjectNode monitor = root.putObject("monitor");
        monitor.put("id", n.monitorId());
        monitor.put("name", n.monitorName());
        monitor.put("url", n.monitorUrl().toString());
        root.put("severity", n.severity().id());
        root.put("fault", n.fault().id());
        root.put("cause", n.cause().id());
        if (n.status() > 0) root.put("status", n.status()); else root.putNull("status");
        if (n.retryAfter().isPresent()) root.put("retry_after_seconds", n.retryAfter().get().toSeconds());
        else root.putNull("retry_after_seconds");
        ObjectNode diagnosis = root.putObject("diagnosis");
        diagnosis.put("summary", n.summary());
        diagnosis.put("next_step", n.nextStep());
        ArrayNode regions = root.putArray("regions");
        n.regions().forEach(regions::add);
        root.put("incident_id", n.incidentId().orElse(null));
        root.put("dedup_key", n.dedupKey());
        root.put("time", n.time().toString());
        if (n.downFor().isPresent()) root.put("down_for_seconds", n.downFor().map(Duration::toSeconds).get());
        else root.putNull("down_for_seconds");
        root.put("link", n.link().toString());
        if (n.reminder() > 0) root.put("reminder", n.reminder()); else root.putNull("reminder");
        // On incident.resolved: recovered, or monitor_removed (closed without a recovery); null otherwise.
        root.put("reason", n.reason().map(ResolutionReason::id).orElse(null));
        if (n.event() == EventKind.DIGEST) {
            // The digest's sections as data, beside the same text in diagnosis.summary.
            DigestText digest = DigestText.parse(n.summary());
            ObjectNode node = root.putObject("digest");
            node.put("headline", digest.headline());
            ArrayNode sections = node.putArray("sections");
            for (DigestText.Section section : digest.sections()) {
                ObjectNode s = sections.addObject();
                s.put("title", section.title());
                ArrayNode lines = s.putArray("lines");
                section.lines().forEach(lines::add);
            }
        }
        return root;
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "webhook channel '" + name + "' " + settings;
    }
}
