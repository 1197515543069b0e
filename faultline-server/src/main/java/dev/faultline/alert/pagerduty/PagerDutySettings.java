package dev.faultline.alert.pagerduty;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * @param routingKey the Events API v2 integration key of a service or ruleset (32 characters)
 * @param baseUrl    {@value #DEFAULT_BASE_URL}, or {@code https://events.eu.pagerduty.com} for EU accounts
 */
public record PagerDutySettings(String routingKey, URI baseUrl) {

    public static final String DEFAULT_BASE_URL = "https://events.pagerduty.com";

    public PagerDutySettings {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static PagerDutySettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("pagerduty", settings);
        String key = read.required("routing_key", "the Events API v2 integration key, e.g. ${PAGERDUTY_ROUTING_KEY}");
        if (key != null && key.chars().anyMatch(Character::isWhitespace)) read.fail("routing_key", "must not contain spaces");
        URI base = read.url("base_url", URI.create(DEFAULT_BASE_URL));
        return read.build(() -> new PagerDutySettings(key, base));
    }

    @Override
    public String toString() {
        return "PagerDutySettings[routingKey=" + Secrets.mask(routingKey) + ", baseUrl=" + baseUrl + "]";
    }
}
