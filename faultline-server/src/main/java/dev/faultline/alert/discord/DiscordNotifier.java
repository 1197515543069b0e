package dev.faultline.alert.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import okhttp3.HttpUrl;

/**
 * Executes a Discord webhook: {@code content} is the title, one embed carries the facts as
 * fields, the summary, the link, a colour by tone and the time. {@code wait=true} makes Discord
 * answer with the stored message (200) instead of an empty 204, so a test send shows what it
 * kept; {@code allowed_mentions} is empty, so a monitor named {@code @everyone} pings nobody.
 */
public final class DiscordNotifier implements Channel {

    // Discord's limits (embed object): title 256, description 4096, 25 fields, name 256, value 1024.
    static final int CONTENT_MAX = 2000;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int FIELDS_MAX = 25;

    private final String name;
    private final DiscordSettings settings;
    private final HttpDelivery http;

    public DiscordNotifier(String name, DiscordSettings settings, HttpDelivery http) {
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
        HttpUrl url = HttpUrl.get(settings.url().toString()).newBuilder().setQueryParameter("wait", "true").build();
        return http.send(HttpDelivery.post(url, HttpDelivery.json(payload(n))).build());
    }

    static ObjectNode payload(Notification n) {
        MessageText text = MessageText.of(n);
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("content", MessageText.truncate(escape(text.title()), CONTENT_MAX));
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", MessageText.truncate(n.monitorName(), TITLE_MAX));
        embed.put("url", n.link().toString());
        if (!n.summary().isBlank()) embed.put("description", MessageText.truncate(escape(n.summary()), DESCRIPTION_MAX));
        embed.put("color", color(text));
        ArrayNode fields = embed.putArray("fields");
        text.facts().stream()
                .filter(fact -> !fact.label().equals("What happened")) // it is the description
                .limit(FIELDS_MAX)
                .forEach(fact -> {
                    ObjectNode field = fields.addObject();
                    field.put("name", MessageText.truncate(fact.label(), FIELD_NAME_MAX));
                    // A URL stays as it is, so that Discord links it; everything else is text.
                    String value = fact.value().startsWith("http") ? fact.value() : escape(fact.value());
                    field.put("value", MessageText.truncate(value, FIELD_VALUE_MAX));
                    field.put("inline", false);
                });
        embed.put("timestamp", n.time().toString());
        embed.putObject("footer").put("text", "Faultline");
        root.putObject("allowed_mentions").putArray("parse");
        return root;
    }

    static int color(MessageText text) {
        return switch (text.tone()) {
            case PROBLEM -> 0xD93F3F;
            case WARNING -> 0xE8A33D;
            case RESOLVED -> 0x2EA66B;
            case NEUTRAL -> 0x5B7FBF;
        };
    }

    /** Discord markdown's special characters, backslash-escaped, so names and answers show as written. */
    static String escape(String text) {
        return text.replaceAll("([\\\\*_~`|>#\\[\\]])", "\\\\$1");
    }

    @Override
    public String toString() {
        return "discord channel '" + name + "' " + settings;
    }
}
