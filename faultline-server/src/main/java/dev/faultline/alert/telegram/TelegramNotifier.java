package dev.faultline.alert.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A Bot API {@code sendMessage} ({@code POST /bot<token>/sendMessage}) with {@code chat_id},
 * {@code text} in Telegram's HTML subset ({@code parse_mode: HTML}, every value escaped) and link
 * previews off. On flood control Telegram answers 429 with {@code parameters.retry_after}.
 */
public final class TelegramNotifier implements Channel {

    /** Telegram's limit for a message's text. */
    static final int TEXT_MAX = 4096;

    private final String name;
    private final TelegramSettings settings;
    private final HttpDelivery http;

    public TelegramNotifier(String name, TelegramSettings settings, HttpDelivery http) {
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
        HttpUrl url = HttpUrl.get(settings.baseUrl().toString()).newBuilder()
                .addPathSegment("bot" + settings.botToken()).addPathSegment("sendMessage").build();
        return http.send(HttpDelivery.post(url, HttpDelivery.json(payload(n, settings.chatId()))).build(),
                TelegramNotifier::retryAfter);
    }

    static ObjectNode payload(Notification n, String chatId) {
        MessageText text = MessageText.of(n);
        StringBuilder html = new StringBuilder("<b>").append(escape(text.title())).append("</b>\n\n");
        text.facts().forEach(fact -> html.append("<b>").append(escape(fact.label())).append(":</b> ")
                .append(escape(fact.value())).append('\n'));
        String link = "\n<a href=\"" + escape(n.link().toString()) + "\">Open in Faultline</a>";
        ObjectNode root = HttpDelivery.mapper().createObjectNode();
        root.put("chat_id", chatId);
        // Cut the facts, not the link; a cut inside a tag is avoided by cutting before the markup would.
        root.put("text", fit(html.toString(), TEXT_MAX - link.length()) + link);
        root.put("parse_mode", "HTML");
        root.putObject("link_preview_options").put("is_disabled", true);
        return root;
    }

    /** Telegram's HTML mode needs &lt;, &gt;, &amp; (and &quot; inside attributes). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Whole lines up to the limit, so no tag or entity is cut in half. */
    private static String fit(String html, int max) {
        if (html.length() <= max) return html;
        int end = html.lastIndexOf('\n', max - 2);
        return html.substring(0, Math.max(end, 0)) + "\n…";
    }

    private static Optional<Duration> retryAfter(String body) {
        try {
            JsonNode seconds = HttpDelivery.mapper().readTree(body).path("parameters").path("retry_after");
            return seconds.canConvertToLong() ? Optional.of(Duration.ofSeconds(seconds.asLong())) : Optional.empty();
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "telegram channel '" + name + "' " + settings;
    }
}
