package dev.faultline.alert.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import okhttp3.HttpUrl;

/**
 * An Adaptive Card to a Microsoft Teams Workflows webhook (the successor of the retired Office
 * 365 connectors, which took only Adaptive Cards): a {@code message} with one attachment of type
 * {@code application/vnd.microsoft.card.adaptive} whose card has the title, a FactSet and an
 * "Open in Faultline" action. Workflows answer 202 Accepted; the post happens in the flow after.
 */
public final class TeamsNotifier implements Channel {

    static final String CARD_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    /** 1.4: what Teams renders on every client (1.5 is desktop and web only). */
    static final String CARD_VERSION = "1.4";

    private final String name;
    private final TeamsSettings settings;
    private final HttpDelivery http;

    public TeamsNotifier(String name, TeamsSettings settings, HttpDelivery http) {
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
        return http.send(HttpDelivery.post(HttpUrl.get(settings.url().toString()), HttpDelivery.json(payload(n))).build());
    }

    static ObjectNode payload(Notification n) {
        MessageText text = MessageText.of(n);
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CARD_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", SCHEMA);
        card.put("type", "AdaptiveCard");
        card.put("version", CARD_VERSION);
        ArrayNode body = card.putArray("body");
        ObjectNode title = body.addObject();
        title.put("type", "TextBlock");
        title.put("text", text.title());
        title.put("size", "Medium");
        title.put("weight", "Bolder");
        title.put("color", color(text));
        title.put("wrap", true);
        ObjectNode factSet = body.addObject();
        factSet.put("type", "FactSet");
        ArrayNode facts = factSet.putArray("facts");
        text.facts().forEach(fact -> {
            ObjectNode f = facts.addObject();
            f.put("title", fact.label());
            f.put("value", fact.value());
        });
        ObjectNode footer = body.addObject();
        footer.put("type", "TextBlock");
        footer.put("text", "Faultline, " + n.time());
        footer.put("isSubtle", true);
        footer.put("size", "Small");
        footer.put("wrap", true);
        ObjectNode open = card.putArray("actions").addObject();
        open.put("type", "Action.OpenUrl");
        open.put("title", "Open in Faultline");
        open.put("url", n.link().toString());
        card.putObject("msteams").put("width", "Full");
        return root;
    }

    private static String color(MessageText text) {
        return switch (text.tone()) {
            case PROBLEM -> "Attention";
            case WARNING -> "Warning";
            case RESOLVED -> "Good";
            case NEUTRAL -> "Default";
        };
    }

    @Override
    public String toString() {
        return "teams channel '" + name + "' " + settings;
    }
}
