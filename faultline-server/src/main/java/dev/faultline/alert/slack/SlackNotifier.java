package dev.faultline.alert.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.EventKind;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * A Block Kit message through a Slack incoming webhook: {@code text} (the notification line and
 * the fallback), then sections in {@code mrkdwn}: the title, the facts, and a context line with
 * the link. Slack answers {@code 200 ok}, or a 4xx with a word such as {@code invalid_payload}.
 */
public final class SlackNotifier implements Channel {

    /** Slack's limit for a section's text. */
    static final int SECTION_MAX = 3000;

    private final String name;
    private final SlackSettings settings;
    private final HttpDelivery http;

    public SlackNotifier(String name, SlackSettings settings, HttpDelivery http) {
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
        root.put("text", escape(text.title()));
        ArrayNode blocks = root.putArray("blocks");
        section(blocks, emoji(text) + " *" + escape(text.title()) + "*");
        if (n.event() == EventKind.DIGEST) {
            // A digest is long: a section per part, each within Slack's limit.
            text.facts().forEach(fact -> section(blocks, "*" + escape(fact.label()) + "*\n" + escape(fact.value())));
        } else {
            section(blocks, text.facts().stream()
                    .map(fact -> "*" + escape(fact.label()) + ":* " + escape(fact.value()))
                    .collect(Collectors.joining("\n")));
        }
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode line = context.putArray("elements").addObject();
        line.put("type", "mrkdwn");
        line.put("text", "<" + escape(n.link().toString()) + "|Open in Faultline> · " + n.time());
        return root;
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", MessageText.truncate(mrkdwn, SECTION_MAX));
    }

    private static String emoji(MessageText text) {
        return switch (text.tone()) {
            case PROBLEM -> ":red_circle:";
            case WARNING -> ":warning:";
            case RESOLVED -> ":large_green_circle:";
            case NEUTRAL -> ":information_source:";
        };
    }

    /** Slack's three control characters in text (its docs: escape &, < and >); the rest is literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "slack channel '" + name + "' " + settings;
    }
}
