package dev.faultline.alert.slack;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** @param url the incoming webhook's URL; its path is the secret */
public record SlackSettings(URI url) {

    public SlackSettings {
        Objects.requireNonNull(url, "url");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static SlackSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("slack", settings);
        URI url = read.url("url", "the incoming webhook URL (https://hooks.slack.com/services/…)");
        return read.build(() -> new SlackSettings(url));
    }

    @Override
    public String toString() {
        return "SlackSettings[url=" + Secrets.maskUrl(url) + "]";
    }
}
