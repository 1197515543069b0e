package dev.faultline.alert.opsgenie;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * @param apiKey  the key of an API integration (account-level keys cannot create alerts)
 * @param baseUrl {@value #DEFAULT_BASE_URL}, or {@code https://api.eu.opsgenie.com} for EU accounts
 */
public record OpsgenieSettings(String apiKey, URI baseUrl) {

    public static final String DEFAULT_BASE_URL = "https://api.opsgenie.com";

    public OpsgenieSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static OpsgenieSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("opsgenie", settings);
        String key = read.required("api_key", "the API integration's key, e.g. ${OPSGENIE_API_KEY}");
        if (key != null && key.chars().anyMatch(Character::isWhitespace)) read.fail("api_key", "must not contain spaces");
        URI base = read.url("base_url", URI.create(DEFAULT_BASE_URL));
        return read.build(() -> new OpsgenieSettings(key, base));
    }

    @Override
    public String toString() {
        return "OpsgenieSettings[apiKey=" + Secrets.mask(apiKey) + ", baseUrl=" + baseUrl + "]";
    }
}
