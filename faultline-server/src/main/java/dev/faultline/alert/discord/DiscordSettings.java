package dev.faultline.alert.discord;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** @param url the channel webhook's URL; its last path segment is the token */
public record DiscordSettings(URI url) {

    public DiscordSettings {
        Objects.requireNonNull(url, "url");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static DiscordSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("discord", settings);
        URI url = read.url("url", "the webhook URL (https://discord.com/api/webhooks/…)");
        return read.build(() -> new DiscordSettings(url));
    }

    @Override
    public String toString() {
        return "DiscordSettings[url=" + Secrets.maskUrl(url) + "]";
    }
}
