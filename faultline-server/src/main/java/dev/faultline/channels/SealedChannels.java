package dev.faultline.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelType;
import dev.faultline.json.Json;
import dev.faultline.secret.SecretBox;
import dev.faultline.store.StoredChannel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A channel config to its stored row and back: the type's credentials ({@link ChannelType#secretKeys()})
 * go into one sealed JSON object, bound to the channel's row and column; the rest stays readable.
 */
final class SealedChannels {

    private static final ObjectMapper JSON = Json.mapper();

    private final SecretBox box;

    SealedChannels(SecretBox box) {
        this.box = box;
    }

    /** Associated data: a sealed value opens only in the row and column it was sealed for. */
    static String context(String channelName) {
        return "api_channels[" + channelName + "].sealed_secrets";
    }

    StoredChannel seal(ChannelConfig config, Instant createdAt, Instant now) {
        Set<String> secretKeys = config.type().secretKeys();
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        config.settings().forEach((key, value) -> (secretKeys.contains(key) ? secrets : plain).put(key, value));
        return new StoredChannel(config.name(), config.type().id(),
                config.severities().stream().map(Severity::id).sorted().toList(), plain,
                box.seal(write(secrets), context(config.name())), createdAt, now);
    }

    /** @throws SecretBox.CannotOpen with the channel named, when the key is not the one it was sealed with */
    ChannelConfig open(StoredChannel stored) {
        Map<String, String> settings = new LinkedHashMap<>(stored.settings());
        settings.putAll(read(box.open(stored.sealedSecrets(), context(stored.name()))));
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        stored.severities().forEach(id -> severities.add(Severity.valueOf(id.toUpperCase(Locale.ROOT))));
        return new ChannelConfig(stored.name(), ChannelType.parse(stored.type()), severities, settings);
    }

    private static String write(Map<String, String> secrets) {
        try {
            return JSON.writeValueAsString(secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of texts always serializes", e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sealed settings are not a JSON object", e);
        }
    }
}
