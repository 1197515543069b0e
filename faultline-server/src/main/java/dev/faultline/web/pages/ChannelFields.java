package dev.faultline.web.pages;

import dev.faultline.config.ChannelType;
import java.util.List;

/**
 * What the channel form asks for each type: every setting its settings reader knows (so that an
 * edit loses none), in the reader's order, with a label and a hint. Only the words live here; which
 * values are right is the reader's to say. A new {@link ChannelType} breaks the build here until its
 * fields are written down, and ChannelFieldsTest fails when a reader learns a key the form lacks.
 */
public final class ChannelFields {

    /** One input of the form: a setting's key, and how the form shows it. */
    public record Field(String key, String label, String hint, Kind kind, boolean secret) {

        public enum Kind { TEXT, URL, YES_NO }

        /** A credential is shown as its mask, so its input is plain text rather than a URL or password box. */
        public String inputType() {
            return !secret && kind == Kind.URL ? "url" : "text";
        }
    }

    private ChannelFields() {
    }

    /** How a type reads in the type list and in headings. */
    static String label(ChannelType type) {
        return switch (type) {
            case WEBHOOK -> "Webhook";
            case SLACK -> "Slack";
            case DISCORD -> "Discord";
            case TEAMS -> "Microsoft Teams";
            case TELEGRAM -> "Telegram";
            case PAGERDUTY -> "PagerDuty";
            case OPSGENIE -> "Opsgenie";
            case SMS -> "SMS (Twilio)";
            case EMAIL -> "E-mail (SMTP)";
        };
    }

    static List<Field> of(ChannelType type) {
        return switch (type) {
            case WEBHOOK -> List.of(
                    url(type, "url", "URL", "Receives each alert as JSON; kept secret, as such URLs often carry a token"),
                    text(type, "secret", "Signing secret", "Optional: each request then carries X-Faultline-Signature, "
                            + "the HMAC-SHA256 of its body"));
            case SLACK -> List.of(url(type, "url", "Webhook URL", "The incoming webhook: https://hooks.slack.com/services/…"));
            case DISCORD -> List.of(url(type, "url", "Webhook URL", "https://discord.com/api/webhooks/…"));
            case TEAMS -> List.of(url(type, "url", "Webhook URL", "The Workflows webhook that posts to the channel"));
            case TELEGRAM -> List.of(
                    text(type, "bot_token", "Bot token", "From BotFather: digits, ':' and the secret"),
                    text(type, "chat_id", "Chat id", "A numeric id such as -1001234567890, or @channelname"),
                    baseUrl(type));
            case PAGERDUTY -> List.of(
                    text(type, "routing_key", "Routing key", "The Events API v2 integration key"),
                    baseUrl(type));
            case OPSGENIE -> List.of(
                    text(type, "api_key", "API key", "The API integration's key"),
                    baseUrl(type));
            case SMS -> List.of(
                    text(type, "account_sid", "Account SID", "AC…"),
                    text(type, "auth_token", "Auth token", "The account's auth token"),
                    text(type, "from", "From", "The sending number in E.164, e.g. +15017122661"),
                    text(type, "to", "To", "The number to text in E.164, e.g. +15558675310"),
                    baseUrl(type));
            case EMAIL -> List.of(
                    text(type, "host", "SMTP host", "e.g. smtp.example.com"),
                    text(type, "port", "Port", "Optional; 587 when empty"),
                    text(type, "username", "Username", "Optional; needs a password"),
                    text(type, "password", "Password", "Needed with a username"),
                    text(type, "from", "From", "The sender's address, e.g. faultline@example.com"),
                    text(type, "to", "To", "One or more addresses, comma-separated"),
                    new Field("starttls", "STARTTLS", "Upgrade the connection before sending anything (refuses a server without it)",
                            Field.Kind.YES_NO, false));
        };
    }

    private static Field text(ChannelType type, String key, String label, String hint) {
        return new Field(key, label, hint, Field.Kind.TEXT, type.secretKeys().contains(key));
    }

    private static Field url(ChannelType type, String key, String label, String hint) {
        return new Field(key, label, hint, Field.Kind.URL, type.secretKeys().contains(key));
    }

    private static Field baseUrl(ChannelType type) {
        return url(type, "base_url", "API base URL", "Optional: only to send through a proxy or a test server; empty: the provider's");
    }
}
