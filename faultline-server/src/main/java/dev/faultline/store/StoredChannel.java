package dev.faultline.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A channel created through the API, as stored: its credentials only sealed.
 *
 * @param severities    severity ids
 * @param settings      the settings that are not secret
 * @param sealedSecrets the secret settings as one sealed JSON object (see {@code dev.faultline.secret.SecretBox})
 */
public record StoredChannel(String name, String type, List<String> severities, Map<String, String> settings,
                            String sealedSecrets, Instant createdAt, Instant updatedAt) {

    public StoredChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        severities = List.copyOf(severities);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(sealedSecrets, "sealedSecrets");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
