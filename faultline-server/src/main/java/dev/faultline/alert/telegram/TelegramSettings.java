package dev.faultline.alert.telegram;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * @param botToken the bot's token from BotFather ({@code 123456:ABC-…}); it is part of every URL
 * @param chatId   a chat's numeric id ({@code -100…} for groups and channels) or {@code @channelname}
 * @param baseUrl  the Bot API server, {@value #DEFAULT_BASE_URL} unless you run your own
 */
public record TelegramSettings(String botToken, String chatId, URI baseUrl) {

    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    private static final Pattern CHAT = Pattern.compile("-?\\d+|@[A-Za-z][A-Za-z0-9_]{3,}");

    public TelegramSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static TelegramSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("telegram", settings);
        String token = read.required("bot_token", "the bot's token from BotFather, e.g. ${TELEGRAM_BOT_TOKEN}");
        // Never echo the token, even a malformed one.
        if (token != null && !TOKEN.matcher(token).matches()) read.fail("bot_token", "expected digits, ':' and the secret, as BotFather gives it");
        String chat = read.required("chat_id", "the chat's id, or @channelname");
        if (chat != null && !CHAT.matcher(chat).matches()) {
            read.fail("chat_id", "expected a numeric chat id such as -1001234567890, or @channelname; got '" + chat + "'");
        }
        URI base = read.url("base_url", URI.create(DEFAULT_BASE_URL));
        return read.build(() -> new TelegramSettings(token, chat, base));
    }

    @Override
    public String toString() {
        return "TelegramSettings[botToken=" + Secrets.mask(botToken) + ", chatId=" + chatId + ", baseUrl=" + baseUrl + "]";
    }
}
