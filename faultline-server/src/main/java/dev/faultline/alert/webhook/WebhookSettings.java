package dev.faultline.alert.webhook;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * @param url    where the JSON goes
 * @param secret when set, each request carries {@code X-Faultline-Signature: sha256=<hex>}, the
 *               HMAC-SHA256 of the raw body under this secret
 */
public record WebhookSettings(URI url, Optional<String> secret) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static WebhookSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("webhook", settings);
        URI url = read.url("url", "the URL that receives the JSON");
        Optional<String> secret = read.optional("secret");
        return read.build(() -> new WebhookSettings(url, secret));
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + Secrets.maskUrl(url) + ", secret=" + Secrets.mask(secret.orElse(null)) + "]";
    }
}
