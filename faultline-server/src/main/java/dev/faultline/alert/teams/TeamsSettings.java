package dev.faultline.alert.teams;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * @param url the URL of a Teams Workflows "when a Teams webhook request is received" trigger;
 *            its query ({@code sig=…}) is the secret
 */
public record TeamsSettings(URI url) {

    public TeamsSettings {
        Objects.requireNonNull(url, "url");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static TeamsSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("teams", settings);
        URI url = read.url("url", "the Workflows webhook URL that posts to the channel");
        return read.build(() -> new TeamsSettings(url));
    }

    @Override
    public String toString() {
        return "TeamsSettings[url=" + Secrets.maskUrl(url) + "]";
    }
}
